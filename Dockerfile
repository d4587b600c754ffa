# aichoose in a container: the scenarios come from the user's repository, mounted at /work.
#   docker build -t aichoose .
#   docker run --rm -v "$PWD:/work" aichoose evaluate scenarios/my-scenario.yaml
#   docker run --rm -v "$PWD:/work" aichoose evaluate scenarios/my-scenario.yaml --format md,xlsx -o reports/
# The image holds the distribution (the same archive ./mvnw package builds) and its start-up cache: on
# JDK 25, the ahead-of-time cache of loaded and linked classes (JDK 21-24 keep a class-data archive).

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests package && mkdir /dist && tar -xzf target/aichoose-*-dist.tar.gz -C /dist --strip-components=1

FROM eclipse-temurin:25-jre
COPY --from=build /dist /opt/aichoose
# train the start-up cache once, into the image (the launcher keeps it in /opt/aichoose/cache)
RUN ln -s /opt/aichoose/bin/aichoose /usr/local/bin/aichoose && aichoose --version && chmod -R a+rX /opt/aichoose
WORKDIR /work
ENTRYPOINT ["aichoose"]
CMD ["--help"]

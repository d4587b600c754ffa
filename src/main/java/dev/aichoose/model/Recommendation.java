package dev.aichoose.model;

import java.util.List;

/** The verdict, the option it recommends, and the reasoning question by question. */
public record Recommendation(
        Verdict verdict, String option, List<Answer> questions, List<String> constraints, String summary) {

    public Recommendation {
        questions = List.copyOf(questions);
        constraints = List.copyOf(constraints);
    }

    public enum Verdict {
        OPEN_SOURCE,
        CLOSED,
        HYBRID;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Lean {
        OPEN_SOURCE,
        CLOSED,
        NEUTRAL;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Question {
        Q1_DATA_SENSITIVITY("How sensitive is the data?"),
        Q2_VOLUME("What is the volume?"),
        Q3_CUSTOMIZATION("Is customization needed?"),
        Q4_TECHNICAL_CAPABILITY("What technical capability does the team have?"),
        Q5_VENDOR_INDEPENDENCE("How much does vendor independence matter?");

        private final String text;

        Question(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Answer(Question id, Lean leans, String reason) {}
}

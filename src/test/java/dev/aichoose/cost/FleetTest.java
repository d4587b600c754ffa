package dev.aichoose.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.Costing;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.OptionResult.CostParts;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Fleet sizing, purchase schedules and their cash, against schedules worked out by hand. */
class FleetTest {
    private static final double CENT = 0.005;

    /** $1,000 a unit, $100 extra for the site, 3-month life, 20 % residual, 500 W, $0.10/kWh, 12 %/yr maintenance. */
    private static Costing.Owned owned(int lifetime) {
        return dev.aichoose.model.CostingOwnedBuilder.builder()
                .count(1)
                .unitPriceUsd(1000)
                .extraUpfrontUsd(100)
                .lifetimeMonths(lifetime)
                .residualShare(0.2)
                .flatElectricityUsdPerMonth(null)
                .unitPowerW(500)
                .pue(1.0)
                .electricityUsdPerKwh(0.1)
                .maintenanceShareAnnual(0.12)
                .opsHoursPerMonth(0)
                .opsUsdPerHour(0)
                .powerLoadFactor(1)
                .build();
    }

    private static int[] units(Fleet f) {
        return f.months().stream().mapToInt(Fleet.Month::units).toArray();
    }

    private static int[] purchased(Fleet f) {
        return f.months().stream().mapToInt(Fleet.Month::purchased).toArray();
    }

    @Test
    void replicasCarryThePeakWithNoneAboveThePlanningUtilisation() {
        // 120 tok/s a replica at 90 % carries 108 tok/s: 100 → 1, 250 → 3 (2.31), 500 → 5 (4.63), 216 → exactly 2
        assertThat(FleetSizing.replicasNeeded(100, 120, 0.9)).isEqualTo(1);
        assertThat(FleetSizing.replicasNeeded(250, 120, 0.9)).isEqualTo(3);
        assertThat(FleetSizing.replicasNeeded(500, 120, 0.9)).isEqualTo(5);
        assertThat(FleetSizing.replicasNeeded(216, 120, 0.9)).isEqualTo(2);
        assertThat(FleetSizing.replicasNeeded(0, 120, 0.9)).isZero();
        assertThatThrownBy(() -> FleetSizing.replicasNeeded(1, 0, 0.9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replicasOfTwoGpusPoolTheGpusOfEightGpuSystems() {
        // replicas 1, 3, 5 of 2 GPUs: 2, 6, 10 GPUs → 1, 1, 2 systems of 8
        int[] units = FleetSizing.unitsNeeded(new double[] {100, 250, 500}, 120, 2, 8, 0.9, 1);
        assertThat(units).containsExactly(1, 1, 2);
        // 4, 4, 8 replicas deliver 480, 480, 960 tok/s; the busiest share is 250/480 = 500/960
        assertThat(FleetSizing.peakUtilisation(new double[] {100, 250, 500}, units, 120, 2, 8))
                .isCloseTo(250 / 480.0, within(1e-12));
        // a replica of 16 GPUs spans two systems
        assertThat(FleetSizing.unitsNeeded(new double[] {500}, 1000, 16, 8, 0.9, 1))
                .containsExactly(2);
    }

    @Test
    void anIdleMonthStillKeepsTheMinimumFleet() {
        assertThat(FleetSizing.unitsNeeded(new double[] {0, 50}, 120, 1, 1, 0.9, 1))
                .containsExactly(1, 1);
    }

    @Test
    void growingLoadBuysEachUnitWhenFirstNeededAndReplacesEachPurchaseAtItsEndOfLife() {
        Fleet f = FleetSchedule.owned(new int[] {1, 1, 2, 2, 3, 3}, 3, true, 1);
        // m1 buy 1 (A); m3 buy 1 (B); m4 A retires, buy 1 (C); m5 buy 1 (D); m6 B retires, buy 1 (E)
        assertThat(units(f)).containsExactly(1, 1, 2, 2, 3, 3);
        assertThat(purchased(f)).containsExactly(1, 0, 1, 1, 1, 1);
        assertThat(f.months()).extracting(Fleet.Month::retired).containsExactly(0, 0, 0, 1, 0, 1);
        assertThat(f.purchases()).extracting(Fleet.Purchase::month).containsExactly(1, 3, 4, 5, 6);
        assertThat(f.peakUnits()).isEqualTo(3);

        Costing.Owned o = owned(3);
        // each unit $1,000, 20 % of it back at its retirement; the site's $100 is bought in months 1 and 4
        CostParts m4 = FleetCash.owned(o, f, 4);
        assertThat(FleetCash.owned(o, f, 1).hardware()).isEqualTo(1100);
        assertThat(FleetCash.owned(o, f, 3).hardware()).isEqualTo(1000);
        assertThat(m4.hardware()).isEqualTo(1100);
        assertThat(m4.residualCredit()).isCloseTo(200 + 20, within(CENT));
        assertThat(FleetCash.owned(o, f, 6).residualCredit()).isCloseTo(200, within(CENT));
        assertThat(FleetCash.owned(o, f, 2).hardware()).isZero();
        // running costs follow the units: 2 × 500 W × 730 h × $0.10 = $73; maintenance 2 × 1000 × 12 % / 12 = $20
        assertThat(m4.electricity()).isCloseTo(73, within(CENT));
        assertThat(m4.maintenance()).isCloseTo(20, within(CENT));
        assertThat(FleetCash.owned(o, f, 5).electricity()).isCloseTo(109.5, within(CENT));
        // at month 6: C (month 4) is 3 months old → its residual $200; D 2 months → 1000 − 800 × 2/3;
        // E 1 month → 1000 − 800/3; the site renewed in month 4 → its residual $20
        assertThat(FleetCash.salvage(o, f, 6))
                .isCloseTo(200 + (1000 - 800 * 2 / 3.0) + (1000 - 800 / 3.0) + 20, within(CENT));
    }

    @Test
    void shrinkingLoadKeepsOwnedUnitsUntilTheirEndOfLifeAndReplacesOnlyWhatIsStillNeeded() {
        Fleet f = FleetSchedule.owned(new int[] {3, 2, 1, 1}, 2, true, 1);
        assertThat(units(f)).containsExactly(3, 3, 1, 1);
        assertThat(purchased(f)).containsExactly(3, 0, 1, 0);
        assertThat(f.months()).extracting(Fleet.Month::retired).containsExactly(0, 0, 3, 0);
        Costing.Owned o = owned(2);
        // the month-1 purchase (3 × $1,000) and the site ($100) return 20 % in month 3
        assertThat(FleetCash.owned(o, f, 3).residualCredit()).isCloseTo(620, within(CENT));
        assertThat(FleetCash.owned(o, f, 3).hardware()).isEqualTo(1100);
        // the month-3 purchase and the site are at the end of their 2-month life at the horizon: worth their residual
        assertThat(FleetCash.salvage(o, f, 4)).isCloseTo(220, within(CENT));
    }

    @Test
    void aFlatLoadIsOnePurchaseReplacedEveryLifetimeAsAStatedCountIs() {
        Fleet f = FleetSchedule.owned(FleetSchedule.constant(2, 7), 3, false, 1);
        assertThat(units(f)).containsOnly(2);
        assertThat(f.purchases())
                .containsExactly(new Fleet.Purchase(1, 2), new Fleet.Purchase(4, 2), new Fleet.Purchase(7, 2));
        Costing.Owned o = owned(3);
        double[] hardware = IntStream.rangeClosed(1, 7)
                .mapToDouble(m -> FleetCash.owned(o, f, m).hardware())
                .toArray();
        assertThat(hardware).containsExactly(2100, 0, 0, 2100, 0, 0, 2100);
        assertThat(FleetCash.owned(o, f, 7).residualCredit()).isCloseTo(420, within(CENT));
        // the month-7 purchase is one month old: 2100 − 1680 / 3
        assertThat(FleetCash.salvage(o, f, 7)).isCloseTo(1540, within(CENT));
    }

    @Test
    void rentedInstancesFollowTheNeedUpAndDown() {
        Costing.Rent r = dev.aichoose.model.CostingRentBuilder.builder()
                .gpus(8)
                .usdPerGpuHour(2.0)
                .hoursPerMonth(730)
                .opsHoursPerMonth(10)
                .opsUsdPerHour(50)
                .build();
        Fleet growing = FleetSchedule.rented(new int[] {1, 2, 3}, true, 8);
        Fleet shrinking = FleetSchedule.rented(new int[] {3, 1, 1}, true, 8);
        Fleet flat = FleetSchedule.rented(FleetSchedule.constant(2, 3), false, 8);
        // one instance of 8 GPUs × $2 × 730 h = $11,680 a month, plus 10 h × $50 of staff
        assertThat(IntStream.rangeClosed(1, 3)
                        .mapToDouble(m -> FleetCash.rented(r, growing, m, 1).rent())
                        .toArray())
                .containsExactly(11_680.0, 23_360.0, 35_040.0);
        assertThat(IntStream.rangeClosed(1, 3)
                        .mapToDouble(m -> FleetCash.rented(r, shrinking, m, 1).rent())
                        .toArray())
                .containsExactly(35_040.0, 11_680.0, 11_680.0);
        assertThat(IntStream.rangeClosed(1, 3)
                        .mapToDouble(m -> FleetCash.rented(r, flat, m, 1).total())
                        .toArray())
                .containsOnly(23_360 + 500.0);
        assertThat(growing.purchases()).isEmpty();
    }

    @Test
    void aFlatElectricityFigureIsForTheStatedCountAndScalesWithTheUnitsInService() {
        var o = dev.aichoose.model.CostingOwnedBuilder.builder()
                .count(2)
                .unitPriceUsd(1000)
                .extraUpfrontUsd(0)
                .lifetimeMonths(12)
                .residualShare(0)
                .flatElectricityUsdPerMonth(40.0)
                .unitPowerW(500)
                .pue(1)
                .electricityUsdPerKwh(0.1)
                .maintenanceShareAnnual(0)
                .opsHoursPerMonth(0)
                .opsUsdPerHour(0)
                .powerLoadFactor(1)
                .build();
        assertThat(o.electricityUsdPerMonth()).isEqualTo(40);
        assertThat(o.electricityUsdPerMonth(3, 0)).isCloseTo(60, within(1e-9));
    }
}

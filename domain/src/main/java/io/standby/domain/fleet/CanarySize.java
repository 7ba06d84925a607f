package io.standby.domain.fleet;

/** How many hosts make the first wave: a number of hosts, or a share of the fleet (at least one host). */
public sealed interface CanarySize permits CanarySize.Hosts, CanarySize.Percent {

    /** How many of a fleet of this size go first; never more than the fleet, never none of a fleet that has hosts. */
    int of(int fleetSize);

    record Hosts(int count) implements CanarySize {
        public Hosts {
            if (count < 1) {
                throw new IllegalArgumentException("a canary needs at least one host, got " + count);
            }
        }

        @Override
        public int of(int fleetSize) {
            return Math.min(count, fleetSize);
        }
    }

    record Percent(int percent) implements CanarySize {
        public Percent {
            if (percent < 1 || percent > 100) {
                throw new IllegalArgumentException("a canary share is between 1 and 100 percent, got " + percent);
            }
        }

        @Override
        public int of(int fleetSize) {
            return Math.min(fleetSize, Math.max(1, (fleetSize * percent + 99) / 100));
        }
    }
}

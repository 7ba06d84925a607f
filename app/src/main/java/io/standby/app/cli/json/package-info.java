/**
 * What {@code status --json} and {@code history --json} print: records of their own, documented in the README, so
 * that scripts read a designed format and not the domain's records as they happen to be named today.
 *
 * <p>Output format 1, the shape these commands printed before it had records of its own. Fields may be added;
 * renaming or removing one, or changing what a value means, is a new format, announced in the README. Times are
 * ISO-8601 instants and durations as {@link java.time.Instant#toString()} and {@link java.time.Duration#toString()}
 * write them, a directory is a {@code file:} URI, an absent value is {@code null}.
 */
package io.standby.app.cli.json;

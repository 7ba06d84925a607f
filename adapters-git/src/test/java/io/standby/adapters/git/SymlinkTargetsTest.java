package io.standby.adapters.git;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SymlinkTargetsTest {

    @Test
    void relativeLinksWithinTheRootStayInside() {
        SymlinkTargets links = new SymlinkTargets(Map.of(
                "current", "releases/1", "public/config", "../config", "a/b/c", "../../x/./y", "self", "."));

        assertThat(links.firstEscaping()).isEmpty();
    }

    @Test
    void absoluteOrClimbingLinksEscape() {
        assertThat(new SymlinkTargets(Map.of("etc", "/etc")).firstEscaping()).contains("etc");
        assertThat(new SymlinkTargets(Map.of("up", "..")).firstEscaping()).contains("up");
        assertThat(new SymlinkTargets(Map.of("a/b", "../../x")).firstEscaping()).contains("a/b");
        assertThat(new SymlinkTargets(Map.of("a/b", "../c/../../x")).firstEscaping()).contains("a/b");
    }

    @Test
    void aLinkThatLeavesAndComesBackByNameStillEscapes() {
        // Once renamed, the release is no longer called "release": the way back would lead elsewhere.
        assertThat(new SymlinkTargets(Map.of("x", "../release/index.php")).firstEscaping()).contains("x");
    }

    @Test
    void linksAreFollowedThroughOtherLinks() {
        // Each looks harmless on its own: d/up is the root itself, and "d/up/.." reads as "d" lexically.
        SymlinkTargets links = new SymlinkTargets(Map.of("d/up", "..", "sneaky", "d/up/.."));

        assertThat(links.staysInside("d/up")).isTrue();
        assertThat(links.staysInside("sneaky")).isFalse();
        assertThat(links.firstEscaping()).contains("sneaky");
    }

    @Test
    void aChainToADeepTargetStaysInside() {
        SymlinkTargets links = new SymlinkTargets(Map.of("a", "b/c", "b/c", "../d/e", "x", "a/../f"));

        assertThat(links.firstEscaping()).isEmpty();
    }

    @Test
    void loopsAndEmptyTargetsAreRefused() {
        assertThat(new SymlinkTargets(Map.of("a", "b", "b", "a")).firstEscaping()).contains("a");
        assertThat(new SymlinkTargets(Map.of("self", "self")).firstEscaping()).contains("self");
        assertThat(new SymlinkTargets(Map.of("blank", "")).firstEscaping()).contains("blank");
    }
}

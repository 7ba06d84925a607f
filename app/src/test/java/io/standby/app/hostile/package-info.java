/**
 * Hostile conditions and bad input, end to end with the fat jar, nginx, php, composer and git: each case checks the
 * message (cause and fix), that the live release keeps serving through nginx without a failed request, that the
 * journal is consistent ({@code status --json}), and that no process, port or half-written file is left behind.
 *
 * <table>
 *   <caption>The matrix: one test per case</caption>
 *   <tr><th>group</th><th>case</th><th>test</th></tr>
 *   <tr><td>Config</td><td>missing file, invalid YAML (line and column), unknown key, wrong type, equal slot ports</td>
 *       <td>{@link io.standby.app.hostile.HostileConfigIT.TheFileItself}</td></tr>
 *   <tr><td>Config</td><td>port held by a foreign process, state/releases directory that cannot be created or written,
 *       a missing state directory</td><td>{@link io.standby.app.hostile.HostileConfigIT.TheMachine}</td></tr>
 *   <tr><td>Config</td><td>nginx file missing, upstream block missing, upstream named twice</td>
 *       <td>{@link io.standby.app.hostile.HostileConfigIT.TheProxy}</td></tr>
 *   <tr><td>Source</td><td>unreachable (back-off, status), authentication refused, a password in the URL shown nowhere,
 *       branch deleted, empty repository, force-push followed</td><td>{@link io.standby.app.hostile.HostileSourceIT}</td></tr>
 *   <tr><td>Source</td><td>a commit removing easyswoole.php or the mode's config file</td>
 *       <td>{@link io.standby.app.hostile.HostileReleaseIT.Source}</td></tr>
 *   <tr><td>Install</td><td>invalid composer.json, unresolvable dependency, composer past its timeout</td>
 *       <td>{@link io.standby.app.hostile.HostileReleaseIT.Install}</td></tr>
 *   <tr><td>Service</td><td>crash on boot, health 500, slower than the start timeout, wrong port, old release ignoring
 *       SIGTERM</td><td>{@link io.standby.app.hostile.HostileReleaseIT.Service},
 *       {@link io.standby.app.hostile.HostileReleaseIT.OldReleaseThatNeverStops}</td></tr>
 *   <tr><td>Proxy</td><td>nginx.conf left invalid, nginx not running, reload command failing, nginx at neither slot</td>
 *       <td>{@link io.standby.app.hostile.HostileProxyIT}</td></tr>
 *   <tr><td>Agent</td><td>two agents, SIGTERM during a release, disk full while writing state</td>
 *       <td>{@link io.standby.app.hostile.HostileAgentIT}</td></tr>
 *   <tr><td>Security</td><td>shell syntax inert, release name cannot escape, secrets shown nowhere, nothing
 *       world-writable</td><td>{@link io.standby.app.hostile.HostileSecurityIT}</td></tr>
 * </table>
 *
 * <p>The messages these tests assert are the ones in the README's troubleshooting table.
 */
package io.standby.app.hostile;

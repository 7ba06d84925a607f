package io.standby.app.wiring;

import io.standby.adapters.zookeeper.ZooKeeperFleet;
import io.standby.domain.fleet.FleetOperator;
import io.standby.domain.fleet.SteerFleet;

/**
 * What `standby fleet ...` reaches from any host: the fleet's state and the leader's inbox, over a connection of its
 * own that never joins the fleet (the command is no member and never leads).
 */
public final class FleetConsole implements AutoCloseable {

    private final ZooKeeperFleet connection;
    private final SteerFleet steer;

    FleetConsole(ZooKeeperFleet connection) {
        this.connection = connection;
        this.steer = new FleetOperator(connection.coordination());
    }

    public SteerFleet steer() {
        return steer;
    }

    @Override
    public void close() {
        connection.close();
    }
}

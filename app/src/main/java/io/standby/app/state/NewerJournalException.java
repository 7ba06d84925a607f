package io.standby.app.state;

/**
 * A journal file was written by a newer Standby, in a schema this version cannot read. Nothing is read from it and
 * nothing is written over it, so the newer version finds it as it left it; the live release keeps serving meanwhile.
 */
public final class NewerJournalException extends RuntimeException {

    NewerJournalException(String where, String schema) {
        super(where + " was written by a newer Standby (journal schema " + schema + "; this version reads schema "
                + JournalV1.SCHEMA + " and older), so it is left untouched and nothing was changed; the live release"
                + " keeps serving. Fix: upgrade standby on this server to the version that wrote it, or a later one");
    }
}

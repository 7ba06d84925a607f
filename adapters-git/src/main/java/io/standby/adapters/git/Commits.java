package io.standby.adapters.git;

import io.standby.domain.model.Revision;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Finds commits in a repository and speaks of them as domain revisions. */
final class Commits {

    private Commits() {
    }

    static Revision revision(RevCommit commit) {
        PersonIdent author = commit.getAuthorIdent();
        String email = author.getEmailAddress();
        String name = email == null || email.isBlank() ? author.getName() : author.getName() + " <" + email + ">";
        return new Revision(commit.name(), name, commit.getFullMessage(),
                commit.getCommitterIdent().getWhenAsInstant());
    }

    /** The commits whose ids start with these hex digits: none, one, or several when the prefix is ambiguous. */
    static List<RevCommit> matching(Repository repository, String hexPrefix) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectReader reader = walk.getObjectReader();
            List<RevCommit> commits = new ArrayList<>();
            // For a complete id, resolve() answers the id itself without looking, hence the has() check.
            for (ObjectId id : reader.resolve(AbbreviatedObjectId.fromString(hexPrefix))) {
                if (reader.has(id) && reader.open(id).getType() == Constants.OBJ_COMMIT) {
                    commits.add(walk.parseCommit(id));
                }
            }
            return commits;
        }
    }
}

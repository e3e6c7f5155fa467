package org.openvault.backend.adminsite;

import java.util.List;

import org.openvault.backend.editing.PageState;

/**
 * The edit screen's moderator forms: where the page may move to, its schedule as the datetime-local inputs show it
 * (UTC), and a refused move's or schedule's messages, shown by its form.
 *
 * @param targets   the pages it may move under (Home, its children, folders), itself left out
 * @param goLiveAt  {@code yyyy-MM-ddTHH:mm} in UTC, or ""
 */
public record Moderation(List<Crumb> targets, Integer parentId, String goLiveAt, String expireAt,
                         FormProblems moveProblems, FormProblems scheduleProblems) {

    static Moderation of(PageState state, List<Crumb> targets) {
        return new Moderation(targets.stream().filter(t -> t.id() != state.id()).toList(), state.parentId(),
                local(state.goLiveAt()), local(state.expireAt()), FormProblems.NONE, FormProblems.NONE);
    }

    Moderation refusedMove(FormProblems problems) {
        return new Moderation(targets, parentId, goLiveAt, expireAt, problems, FormProblems.NONE);
    }

    /** The schedule as typed, with why it was refused. */
    Moderation refusedSchedule(String typedGoLive, String typedExpire, FormProblems problems) {
        return new Moderation(targets, parentId, typedGoLive, typedExpire, FormProblems.NONE, problems);
    }

    public boolean current(Crumb target) {
        return parentId != null && parentId == target.id();
    }

    // "2027-01-31T09:00:00.000000Z" → "2027-01-31T09:00", what a datetime-local input takes.
    private static String local(String iso) {
        return iso == null || iso.length() < 16 ? "" : iso.substring(0, 16);
    }
}

//! The activity log's commands: the list of an event's changes and undo. Like `api` in api.ts,
//! each wraps a generated command and returns its data or throws an `ApiFailure`.
import { unwrap } from "$lib/api";
import { commands } from "$lib/bindings";

export type { ActivityEntry } from "$lib/bindings";

/** How many changes the Activity screen lists. */
export const ACTIVITY_LIMIT = 200;

export const activityApi = {
	/** The event's newest changes, newest first. */
	listActivity: (eventId: string, limit: number = ACTIVITY_LIMIT) =>
		unwrap(commands.listActivity(eventId, limit)),
	/** Undoes the newest change that is not undone yet; null when there is nothing to undo. */
	undoLastChange: (eventId: string) => unwrap(commands.undoLastChange(eventId)),
	/** Undoes one given change, such as an older deletion (to bring an attendee back). */
	undoChange: (entryId: number) => unwrap(commands.undoChange(entryId)),
};

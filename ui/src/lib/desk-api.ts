//! The registration desk's and the dashboard's commands. Like `api` in api.ts, each wraps a
//! generated command and returns its data or throws an `ApiFailure`.
import { unwrap } from "$lib/api";
import type { Attendee, AttendeeInput } from "$lib/bindings";
import { commands } from "$lib/bindings";

export type {
	AttendanceRow,
	AttendanceSheet,
	CountryCount,
	Dashboard,
	DayCount,
	DeskCounts,
	SessionFill,
} from "$lib/bindings";

/** An attendee as the desk sees it (the generated type carries `checked_in_at`). */
export type CheckedAttendee = Attendee;

/** The desk and dashboard commands, each returning its data or throwing an `ApiFailure`. */
export const deskApi = {
	checkIn: (personId: string) => unwrap(commands.checkIn(personId)),
	undoCheckIn: (personId: string) => unwrap(commands.undoCheckIn(personId)),
	registerWalkIn: (eventId: string, input: AttendeeInput) =>
		unwrap(commands.registerWalkIn(eventId, input)),
	deskCounts: (eventId: string) => unwrap(commands.deskCounts(eventId)),
	sessionAttendance: (sessionId: string) => unwrap(commands.sessionAttendance(sessionId)),
	markAttendance: (sessionId: string, personId: string, present: boolean) =>
		unwrap(commands.markAttendance(sessionId, personId, present)),
	dashboard: (eventId: string) => unwrap(commands.dashboard(eventId)),
	saveChartPng: (suggestedName: string, pngBase64: string) =>
		unwrap(commands.saveChartPng(suggestedName, pngBase64)),
	/** Whether the server answers; sends the desk's queue when it does (offline.rs). */
	deskStatus: (eventId: string) => unwrap(commands.deskStatus(eventId)),
	reviewList: (eventId: string) => unwrap(commands.reviewList(eventId)),
	resolveReview: (id: string, accept: boolean) => unwrap(commands.resolveReview(id, accept)),
	setAsideCache: () => unwrap(commands.setAsideCache()),
};

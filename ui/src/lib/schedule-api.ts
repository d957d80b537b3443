//! The schedule's commands: rooms, sessions, speakers, sign-ups and conflicts. Like `api`
//! in api.ts, each wraps a generated command and returns its data or throws an `ApiFailure`.
import { unwrap } from "$lib/api";
import type { Role, RoomInput, SessionInput } from "$lib/bindings";
import { commands } from "$lib/bindings";

export type {
	AgendaItem,
	Role,
	Room,
	RoomInput,
	Session,
	SessionInput,
	SessionType,
	Signup,
	Speaker,
	Warning,
	WarningKind,
} from "$lib/bindings";

/** The schedule commands, each returning its data or throwing an `ApiFailure`. */
export const scheduleApi = {
	listRooms: (eventId: string) => unwrap(commands.listRooms(eventId)),
	addRoom: (eventId: string, input: RoomInput) => unwrap(commands.addRoom(eventId, input)),
	updateRoom: (id: string, input: RoomInput) => unwrap(commands.updateRoom(id, input)),
	deleteRoom: (id: string) => unwrap(commands.deleteRoom(id)),
	listSessions: (eventId: string, day: string | null) =>
		unwrap(commands.listSessions(eventId, day)),
	addSession: (eventId: string, input: SessionInput) => unwrap(commands.addSession(eventId, input)),
	updateSession: (id: string, input: SessionInput) => unwrap(commands.updateSession(id, input)),
	deleteSession: (id: string) => unwrap(commands.deleteSession(id)),
	moveSession: (id: string, start: string, end: string, roomId: string | null) =>
		unwrap(commands.moveSession(id, start, end, roomId)),
	assignSpeaker: (sessionId: string, personId: string, role: Role, homeTimezone: string) =>
		unwrap(commands.assignSpeaker(sessionId, personId, role, homeTimezone)),
	updateAssignment: (assignmentId: string, role: Role, position: number, homeTimezone: string) =>
		unwrap(commands.updateAssignment(assignmentId, role, position, homeTimezone)),
	removeAssignment: (assignmentId: string) => unwrap(commands.removeAssignment(assignmentId)),
	signUp: (sessionId: string, personId: string) => unwrap(commands.signUp(sessionId, personId)),
	cancelSignup: (sessionId: string, personId: string) =>
		unwrap(commands.cancelSignup(sessionId, personId)),
	listSignups: (sessionId: string) => unwrap(commands.listSignups(sessionId)),
	checkSchedule: (eventId: string) => unwrap(commands.checkSchedule(eventId)),
	acceptWarning: (eventId: string, key: string, note: string) =>
		unwrap(commands.acceptWarning(eventId, key, note)),
	unacceptWarning: (eventId: string, key: string) => unwrap(commands.unacceptWarning(eventId, key)),
	personAgenda: (personId: string) => unwrap(commands.personAgenda(personId)),
	setAttending: (personId: string, attending: boolean) =>
		unwrap(commands.setAttending(personId, attending)),
};

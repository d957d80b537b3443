//! The schedule half of the preview's fake core: rooms, sessions, speakers, sign-ups and a
//! simple conflict check. Dev-only, never shipped; it follows the contract loosely.

import type {
	AgendaItem,
	Role,
	Room,
	RoomInput,
	Session,
	SessionInput,
	Warning,
} from "$lib/schedule-api";
import { addDays, parseLocalInput, zoneOffsetMinutes } from "$lib/time";
import { fail } from "./fake-fail";

type Stored = Omit<Session, "start" | "end" | "speakers" | "signups" | "room"> & {
	start: string;
	end: string;
};
type Assignment = {
	id: string;
	session_id: string;
	person_id: string;
	role: Role;
	position: number;
	home_timezone: string;
};
type Lookup = { name: (personId: string) => string; zone: (eventId: string) => string };

export class FakeSchedule {
	#rooms: Room[] = [];
	#sessions: Stored[] = [];
	#assignments: Assignment[] = [];
	#signups = new Map<string, Set<string>>();
	#accepted = new Set<string>();
	#seq = 0;
	#lookup: Lookup;

	constructor(lookup: Lookup) {
		this.#lookup = lookup;
	}

	seed(eventId: string, firstDay: string, people: string[]): void {
		const room = (name: string, capacity: number | null, offsite = false) =>
			this.#addRoom(eventId, {
				name,
				capacity,
				offsite,
				address: offsite ? "Zhangjiang Science City" : "",
				meeting_point: offsite ? "Main entrance" : "",
				departure_time: offsite ? "13:30" : "",
			});
		const hall = room("Plenary Hall", 300);
		const b = room("Room B", 60);
		const visit = room("Zhangjiang AI Island", 40, true);
		const d1 = firstDay;
		const d2 = addDays(firstDay, 1);
		const add = (
			title: string,
			type: Session["type"],
			day: string,
			from: string,
			to: string,
			roomId: string | null,
			capacity: number | null = null,
		) =>
			this.#addSession(eventId, {
				title,
				type,
				start: `${day} ${from}`,
				end: `${day} ${to}`,
				room_id: roomId,
				description: "",
				capacity,
				track: "",
			}).id;
		const opening = add("Opening ceremony", "opening_ceremony", d1, "09:00", "09:45", hall.id);
		add("Coffee break", "break", d1, "09:45", "10:15", hall.id);
		const keynote = add("AI for sustainable development", "keynote", d1, "10:15", "11:30", hall.id);
		const panel = add("Panel: data governance", "panel", d1, "11:00", "12:15", b.id);
		add("Lunch", "meal", d1, "12:15", "13:30", null);
		const siteVisit = add(
			"Visit to Zhangjiang AI Island",
			"site_visit",
			d1,
			"14:00",
			"17:00",
			visit.id,
			3,
		);
		add("Lecture: AI capacity-building", "lecture", d2, "09:00", "10:30", hall.id);
		add("Interactive exchange", "interactive_exchange", d2, "10:45", "12:00", b.id);
		const [p0 = "", p1 = "", p2 = "", p3 = ""] = people;
		this.#assign(opening, p0, "address", "");
		this.#assign(opening, p1, "video_address", "America/New_York");
		this.#assign(keynote, p2, "keynote", "");
		this.#assign(panel, p2, "panelist", "");
		this.#assign(panel, p3, "moderator", "");
		this.#signups.set(siteVisit, new Set(people.slice(4, 8)));
	}

	handles(cmd: string): boolean {
		return cmd in COMMANDS;
	}

	handle(cmd: string, a: Record<string, unknown>): unknown {
		switch (cmd as keyof typeof COMMANDS) {
			case "list_rooms":
				return this.#rooms.filter((r) => r.event_id === a.eventId);
			case "add_room":
				return this.#addRoom(a.eventId as string, a.input as RoomInput);
			case "update_room": {
				const room = this.#rooms.find((r) => r.id === a.id) ?? fail("not_found", "room");
				Object.assign(room, validRoom(a.input as RoomInput));
				return room;
			}
			case "delete_room":
				this.#rooms = this.#rooms.filter((r) => r.id !== a.id);
				for (const s of this.#sessions) if (s.room_id === a.id) s.room_id = null;
				return null;
			case "list_sessions":
				return this.#sessions
					.filter((s) => s.event_id === a.eventId)
					.filter((s) => !a.day || s.start.startsWith(a.day as string))
					.sort((x, y) => x.start.localeCompare(y.start))
					.map((s) => this.#session(s));
			case "add_session":
				return this.#session(this.#addSession(a.eventId as string, a.input as SessionInput));
			case "update_session": {
				const s = this.#find(a.id as string);
				Object.assign(s, validSession(a.input as SessionInput));
				return this.#session(s);
			}
			case "delete_session":
				this.#sessions = this.#sessions.filter((s) => s.id !== a.id);
				return null;
			case "move_session": {
				const s = this.#find(a.id as string);
				Object.assign(
					s,
					validSession({ ...this.#input(s), start: a.start as string, end: a.end as string }),
				);
				s.room_id = (a.roomId as string | null) ?? null;
				return this.#session(s);
			}
			case "assign_speaker":
				this.#assign(
					a.sessionId as string,
					a.personId as string,
					a.role as Role,
					a.homeTimezone as string,
				);
				return this.#session(this.#find(a.sessionId as string));
			case "update_assignment": {
				const x =
					this.#assignments.find((y) => y.id === a.assignmentId) ?? fail("not_found", "speaker");
				const list = this.#speakersOf(x.session_id).filter((y) => y.id !== x.id);
				const target = Math.max(0, Math.min(Number(a.position), list.length));
				list.splice(target, 0, x);
				list.forEach((y, i) => {
					y.position = i;
				});
				x.role = a.role as Role;
				x.home_timezone = a.homeTimezone as string;
				return this.#session(this.#find(x.session_id));
			}
			case "remove_assignment": {
				const x =
					this.#assignments.find((y) => y.id === a.assignmentId) ?? fail("not_found", "speaker");
				this.#assignments = this.#assignments.filter((y) => y.id !== x.id);
				return this.#session(this.#find(x.session_id));
			}
			case "sign_up":
			case "cancel_signup": {
				const id = a.sessionId as string;
				const set = this.#signups.get(id) ?? new Set();
				if (cmd === "sign_up") set.add(a.personId as string);
				else set.delete(a.personId as string);
				this.#signups.set(id, set);
				return this.#session(this.#find(id));
			}
			case "list_signups":
				return [...(this.#signups.get(a.sessionId as string) ?? [])].map((person_id) => ({
					person_id,
					name: this.#lookup.name(person_id),
				}));
			case "check_schedule":
				return this.#check(a.eventId as string);
			case "accept_warning":
				this.#accepted.add(a.key as string);
				return null;
			case "unaccept_warning":
				this.#accepted.delete(a.key as string);
				return null;
			case "person_agenda":
				return this.#agenda(a.personId as string);
		}
	}

	#id(): string {
		return `s${++this.#seq}`;
	}

	#addRoom(eventId: string, input: RoomInput): Room {
		const room: Room = {
			...validRoom(input),
			id: this.#id(),
			event_id: eventId,
			position: this.#rooms.length,
		};
		this.#rooms.push(room);
		return room;
	}

	#addSession(eventId: string, input: SessionInput): Stored {
		const s: Stored = { ...validSession(input), id: this.#id(), event_id: eventId };
		this.#sessions.push(s);
		return s;
	}

	#assign(sessionId: string, personId: string, role: Role, zone: string): void {
		if (!personId) return;
		this.#assignments.push({
			id: this.#id(),
			session_id: sessionId,
			person_id: personId,
			role,
			position: this.#speakersOf(sessionId).length,
			home_timezone: zone,
		});
	}

	#find(id: string): Stored {
		return this.#sessions.find((s) => s.id === id) ?? fail("not_found", `session ${id}`);
	}

	#input(s: Stored): SessionInput {
		const { id: _id, event_id: _e, ...input } = s;
		return input;
	}

	#speakersOf(sessionId: string): Assignment[] {
		return this.#assignments
			.filter((x) => x.session_id === sessionId)
			.sort((x, y) => x.position - y.position);
	}

	#rfc(local: string, eventId: string): string {
		const zone = this.#lookup.zone(eventId);
		const offset = zoneOffsetMinutes(zone, new Date(`${local.replace(" ", "T")}:00Z`));
		const sign = offset < 0 ? "-" : "+";
		const abs = Math.abs(offset);
		const hh = String(Math.floor(abs / 60)).padStart(2, "0");
		const mm = String(abs % 60).padStart(2, "0");
		return `${local.replace(" ", "T")}:00${sign}${hh}:${mm}`;
	}

	#session(s: Stored): Session {
		return {
			...s,
			start: this.#rfc(s.start, s.event_id),
			end: this.#rfc(s.end, s.event_id),
			room: this.#rooms.find((r) => r.id === s.room_id)?.name ?? null,
			speakers: this.#speakersOf(s.id).map((x) => ({
				assignment_id: x.id,
				person_id: x.person_id,
				name: this.#lookup.name(x.person_id),
				role: x.role,
				position: x.position,
				home_timezone: x.home_timezone,
			})),
			signups: this.#signups.get(s.id)?.size ?? 0,
		};
	}

	#check(eventId: string): Warning[] {
		const list = this.#sessions.filter((s) => s.event_id === eventId);
		const out: Warning[] = [];
		const push = (w: Omit<Warning, "accepted">) =>
			out.push({ ...w, accepted: this.#accepted.has(w.key) });
		const overlap = (x: Stored, y: Stored) => x.start < y.end && y.start < x.end;
		for (const [i, x] of list.entries()) {
			for (const y of list.slice(i + 1)) {
				if (!overlap(x, y)) continue;
				if (x.room_id && x.room_id === y.room_id) {
					push({
						kind: "room_overlap",
						key: `room_overlap:${x.id}:${y.id}`,
						message: `“${x.title}” and “${y.title}” are in the same room at the same time.`,
						fix: "Move one of them to another room or time.",
						sessions: [x.id, y.id],
						people: [],
					});
				}
				for (const p of this.#speakersOf(x.id)) {
					if (this.#speakersOf(y.id).some((q) => q.person_id === p.person_id)) {
						push({
							kind: "speaker_overlap",
							key: `speaker_overlap:${p.person_id}:${x.id}:${y.id}`,
							message: `${this.#lookup.name(p.person_id)} speaks at “${x.title}” and “${y.title}” at the same time.`,
							fix: "Move one session, or change a speaker.",
							sessions: [x.id, y.id],
							people: [p.person_id],
						});
					}
				}
			}
			const count = this.#signups.get(x.id)?.size ?? 0;
			if (x.capacity !== null && count > x.capacity) {
				push({
					kind: "over_capacity",
					key: `over_capacity:${x.id}`,
					message: `“${x.title}” has ${count} sign-ups for ${x.capacity} places.`,
					fix: "Raise the capacity or cancel some sign-ups.",
					sessions: [x.id],
					people: [],
				});
			}
			if (x.room_id === null && x.type !== "meal" && x.type !== "break") {
				push({
					kind: "no_room",
					key: `no_room:${x.id}`,
					message: `“${x.title}” has no room.`,
					fix: "Choose a room in the session's form.",
					sessions: [x.id],
					people: [],
				});
			}
		}
		return out;
	}

	#agenda(personId: string): AgendaItem[] {
		return this.#sessions
			.filter(
				(s) =>
					this.#speakersOf(s.id).some((x) => x.person_id === personId) ||
					this.#signups.get(s.id)?.has(personId),
			)
			.sort((x, y) => x.start.localeCompare(y.start))
			.map((s) => ({
				session: this.#session(s),
				roles: this.#speakersOf(s.id)
					.filter((x) => x.person_id === personId)
					.map((x) => x.role),
				signed_up: this.#signups.get(s.id)?.has(personId) ?? false,
			}));
	}
}

const COMMANDS = {
	list_rooms: 1,
	add_room: 1,
	update_room: 1,
	delete_room: 1,
	list_sessions: 1,
	add_session: 1,
	update_session: 1,
	delete_session: 1,
	move_session: 1,
	assign_speaker: 1,
	update_assignment: 1,
	remove_assignment: 1,
	sign_up: 1,
	cancel_signup: 1,
	list_signups: 1,
	check_schedule: 1,
	accept_warning: 1,
	unaccept_warning: 1,
	person_agenda: 1,
} as const;

function validRoom(input: RoomInput): RoomInput {
	if (input.name.trim() === "") fail("validation", "name is required", [["name", "is required"]]);
	return { ...input };
}

function validSession(input: SessionInput): Omit<Stored, "id" | "event_id"> {
	const fields: [string, string][] = [];
	if (input.title.trim() === "") fields.push(["title", "is required"]);
	const start = parseLocalInput(input.start);
	const end = parseLocalInput(input.end);
	if (!start) fields.push(["start", "must be a date and a time"]);
	if (!end) fields.push(["end", "must be a date and a time"]);
	if (start && end && input.end <= input.start) fields.push(["end", "must be after the start"]);
	if (fields.length > 0) fail("validation", "the session is not valid", fields);
	return { ...input };
}

//! Pure logic of the timetable: session types and their colour groups, where each block goes,
//! which block the arrow keys move to, and which sessions carry a warning.

import tables from "$lib/generated/core-tables.json";
import type { Role, Room, Session, SessionType, Warning, WarningKind } from "$lib/schedule-api";
import { eventSlot, minutesFromDay } from "$lib/time";

// The core's lists, in its order (`SessionType::ALL`, `Role::ALL`, `WarningKind::ALL`). The
// casts hold because the same enums generate bindings.ts, and the drift tests keep both current.
export const SESSION_TYPES = tables.session_types.map((s) => s.key) as readonly SessionType[];
export const ROLES = tables.roles.map((r) => r.key) as readonly Role[];
export const WARNING_KINDS = tables.warning_kinds as readonly WarningKind[];

const GROUPS = new Map(tables.session_types.map((s) => [s.key, s.group]));

/**
 * The colour family of a type, as the core groups them (`SessionType::group`, after
 * ../shared/design/ui.md): its colours and its `.type-<group>` class are in the generated
 * `session-types.css`.
 */
export function typeGroup(type: SessionType): string {
	return GROUPS.get(type) ?? "other";
}

/** A session placed on one day: minutes from that day's midnight (end may pass 1440). */
export type Placed = { session: Session; start: number; end: number; column: number };

/** A timetable column: a room, or the sessions without one (`room` null). */
export type Column = { key: string; room: Room | null };

export const NO_ROOM_KEY = "";

/** Rooms in their order, plus "No room" when a session of the day lacks one. */
export function columnsFor(rooms: readonly Room[], sessions: readonly Placed[]): Column[] {
	const sorted = [...rooms].sort((a, b) => a.position - b.position);
	const columns: Column[] = sorted.map((room) => ({ key: room.id, room }));
	const known = new Set(sorted.map((r) => r.id));
	if (sessions.some((p) => p.session.room_id === null || !known.has(p.session.room_id))) {
		columns.push({ key: NO_ROOM_KEY, room: null });
	}
	return columns;
}

/** The column key a session belongs in. */
export function columnKey(session: Session, rooms: readonly Room[]): string {
	return session.room_id !== null && rooms.some((r) => r.id === session.room_id)
		? session.room_id
		: NO_ROOM_KEY;
}

/** The sessions that touch `day`, with their minutes measured from its midnight. */
export function sessionsOnDay(
	sessions: readonly Session[],
	day: string,
	timeZone: string,
): Omit<Placed, "column">[] {
	const out: Omit<Placed, "column">[] = [];
	for (const session of sessions) {
		const from = eventSlot(session.start, timeZone);
		const to = eventSlot(session.end, timeZone);
		if (!from || !to) continue;
		const start = minutesFromDay(day, from);
		const end = Math.max(minutesFromDay(day, to), start + 5);
		if (start < 1440 && end > 0) out.push({ session, start, end });
	}
	return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The hours the axis shows: 07:00–22:00, widened to whole hours that fit every session. */
export function axisRange(placed: readonly { start: number; end: number }[]): {
	from: number;
	to: number;
} {
	let from = 7 * 60;
	let to = 22 * 60;
	for (const p of placed) {
		from = Math.min(from, Math.floor(Math.max(p.start, 0) / 60) * 60);
		to = Math.max(to, Math.ceil(Math.min(p.end, 1440) / 60) * 60);
	}
	return { from, to };
}

/**
 * Side-by-side lanes for sessions that overlap in one column: each gets its lane and the number
 * of lanes of its cluster of overlapping sessions.
 */
export function lanes(
	placed: readonly { start: number; end: number }[],
): { lane: number; of: number }[] {
	const items = placed.map((p, index) => ({ ...p, index, lane: 0, of: 1 }));
	const order = [...items].sort((a, b) => a.start - b.start);
	let cluster: typeof items = [];
	let clusterEnd = Number.NEGATIVE_INFINITY;
	let laneEnds: number[] = [];
	const close = () => {
		for (const item of cluster) item.of = laneEnds.length;
		cluster = [];
		laneEnds = [];
	};
	for (const item of order) {
		if (item.start >= clusterEnd) close();
		let lane = laneEnds.findIndex((end) => end <= item.start);
		if (lane < 0) {
			lane = laneEnds.length;
			laneEnds.push(item.end);
		} else laneEnds[lane] = item.end;
		item.lane = lane;
		cluster.push(item);
		clusterEnd = Math.max(clusterEnd, item.end);
	}
	close();
	return items.map(({ lane, of }) => ({ lane, of }));
}

export type Direction = "up" | "down" | "left" | "right";

/**
 * The block the arrow keys move focus to: Up/Down go to the previous or next block in the same
 * column; Left/Right to the nearest-in-time block in the nearest column that has one ("left"
 * means the column before, whatever the writing direction; the caller flips it for RTL).
 */
export function neighbour(placed: readonly Placed[], currentId: string, dir: Direction): string {
	const current = placed.find((p) => p.session.id === currentId);
	if (!current) return placed[0]?.session.id ?? currentId;
	if (dir === "up" || dir === "down") {
		const column = placed
			.filter((p) => p.column === current.column)
			.sort((a, b) => a.start - b.start || a.session.id.localeCompare(b.session.id));
		const i = column.indexOf(current);
		const next = column[dir === "up" ? i - 1 : i + 1];
		return next?.session.id ?? currentId;
	}
	const step = dir === "left" ? -1 : 1;
	const columns = [...new Set(placed.map((p) => p.column))].sort((a, b) => a - b);
	const target = columns
		.filter((c) => (step < 0 ? c < current.column : c > current.column))
		.sort((a, b) => Math.abs(a - current.column) - Math.abs(b - current.column))[0];
	if (target === undefined) return currentId;
	const candidates = placed.filter((p) => p.column === target);
	candidates.sort((a, b) => Math.abs(a.start - current.start) - Math.abs(b.start - current.start));
	return candidates[0]?.session.id ?? currentId;
}

/** The unaccepted warnings that concern each session. */
export function warningsBySession(warnings: readonly Warning[]): Map<string, Warning[]> {
	const out = new Map<string, Warning[]>();
	for (const w of warnings) {
		if (w.accepted) continue;
		for (const id of w.sessions) out.set(id, [...(out.get(id) ?? []), w]);
	}
	return out;
}

/** The column a key press moves a block to, clamped to the columns there are. */
export function columnAfter(index: number, step: number, count: number): number {
	return Math.min(Math.max(index + step, 0), Math.max(count - 1, 0));
}

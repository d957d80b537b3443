import { describe, expect, it } from "vitest";
import {
	axisRange,
	columnsFor,
	lanes,
	neighbour,
	type Placed,
	SESSION_TYPES,
	sessionsOnDay,
	typeGroup,
	warningsBySession,
} from "./schedule";
import type { Room, Session, Warning } from "./schedule-api";

function session(id: string, start: string, end: string, room_id: string | null = "r1"): Session {
	return {
		id,
		event_id: "e",
		title: id,
		type: "lecture",
		start,
		end,
		room_id,
		room: null,
		description: "",
		capacity: null,
		track: "",
		speakers: [],
		signups: 0,
	};
}

const room = (id: string, position: number): Room => ({
	id,
	event_id: "e",
	position,
	name: id,
	capacity: null,
	offsite: false,
	address: "",
	meeting_point: "",
	departure_time: "",
});

const placed = (id: string, column: number, start: number, end: number): Placed => ({
	session: session(id, "", ""),
	column,
	start,
	end,
});

describe("timetable layout", () => {
	it("every type has a colour family, and ceremonies share one", () => {
		expect(SESSION_TYPES.map(typeGroup)).not.toContain(undefined);
		expect(typeGroup("opening_ceremony")).toBe(typeGroup("address"));
		expect(typeGroup("meal")).toBe("pause");
		expect(typeGroup("field_study")).toBe("visit");
	});

	it("places sessions on the event's day whatever offset they are written in", () => {
		const list = [
			session("b", "2024-09-03T10:00:00+08:00", "2024-09-03T11:00:00+08:00"),
			session("a", "2024-09-03T01:00:00Z", "2024-09-03T02:30:00Z"),
			session("next", "2024-09-04T09:00:00+08:00", "2024-09-04T10:00:00+08:00"),
		];
		const day = sessionsOnDay(list, "2024-09-03", "Asia/Shanghai");
		expect(day.map((p) => [p.session.id, p.start, p.end])).toEqual([
			["a", 540, 630],
			["b", 600, 660],
		]);
	});

	it("adds a No room column only when a session needs it", () => {
		const rooms = [room("r2", 2), room("r1", 1)];
		expect(columnsFor(rooms, []).map((c) => c.key)).toEqual(["r1", "r2"]);
		const homeless = placed("x", 0, 0, 60);
		homeless.session.room_id = null;
		expect(columnsFor(rooms, [homeless]).map((c) => c.key)).toEqual(["r1", "r2", ""]);
	});

	it("widens the axis to whole hours around early and late sessions", () => {
		expect(axisRange([])).toEqual({ from: 420, to: 1320 });
		expect(axisRange([{ start: 6 * 60 + 30, end: 23 * 60 + 10 }])).toEqual({ from: 360, to: 1440 });
	});

	it("puts overlapping sessions side by side", () => {
		expect(
			lanes([
				{ start: 0, end: 60 },
				{ start: 30, end: 90 },
				{ start: 60, end: 120 },
				{ start: 200, end: 260 },
			]),
		).toEqual([
			{ lane: 0, of: 2 },
			{ lane: 1, of: 2 },
			{ lane: 0, of: 2 },
			{ lane: 0, of: 1 },
		]);
	});
});

describe("arrow keys between blocks", () => {
	const blocks = [
		placed("a1", 0, 540, 600),
		placed("a2", 0, 600, 660),
		placed("b1", 1, 550, 620),
		placed("c1", 3, 700, 760),
		placed("c2", 3, 900, 960),
	];

	it("moves up and down within a column and stops at its ends", () => {
		expect(neighbour(blocks, "a1", "down")).toBe("a2");
		expect(neighbour(blocks, "a2", "down")).toBe("a2");
		expect(neighbour(blocks, "a2", "up")).toBe("a1");
	});

	it("moves sideways to the nearest block in time, skipping empty columns", () => {
		expect(neighbour(blocks, "a2", "right")).toBe("b1");
		expect(neighbour(blocks, "b1", "right")).toBe("c1");
		expect(neighbour(blocks, "c2", "left")).toBe("b1");
		expect(neighbour(blocks, "a1", "left")).toBe("a1");
	});
});

describe("warnings", () => {
	it("marks sessions of unaccepted warnings only", () => {
		const w = (key: string, sessions: string[], accepted: boolean): Warning => ({
			kind: "room_overlap",
			key,
			code: "conflict.room_overlap",
			params: {},
			message: key,
			fix_code: "conflict.room_overlap_fix",
			fix_params: {},
			fix: "",
			sessions,
			people: [],
			accepted,
		});
		const map = warningsBySession([w("k1", ["a", "b"], false), w("k2", ["b"], true)]);
		expect(map.get("a")?.map((x) => x.key)).toEqual(["k1"]);
		expect(map.get("b")?.map((x) => x.key)).toEqual(["k1"]);
		expect(map.has("c")).toBe(false);
	});
});

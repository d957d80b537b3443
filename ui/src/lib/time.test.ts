import { afterEach, describe, expect, it } from "vitest";
import {
	dayCount,
	eventDays,
	eventSlot,
	formatClock,
	formatDateRange,
	formatDateTime,
	formatLocalInput,
	formatPlainDate,
	formatTime,
	isValidTimeZone,
	minutesFromDay,
	parseClock,
	parseLocalInput,
	parsePlainDate,
	snapMinutes,
	timeZoneNames,
	zoneDiffers,
	zoneLabel,
	zoneOffsetMinutes,
} from "./time";

const OPENING = "2024-09-03T01:00:00Z";
const originalTz = process.env.TZ;

afterEach(() => {
	process.env.TZ = originalTz;
});

describe("instants are shown in the event's zone, never the OS zone", () => {
	// The process zone is switched for each case; Node re-reads TZ when it is assigned.
	const osZones = [
		"UTC",
		"America/Los_Angeles",
		"Asia/Shanghai",
		"Pacific/Kiritimati",
		"Europe/Berlin",
	];

	it.each(osZones)("01:00Z reads 09:00 in Asia/Shanghai when the OS zone is %s", (zone) => {
		process.env.TZ = zone;
		expect(formatTime(OPENING, "Asia/Shanghai", "en-GB")).toBe("09:00");
		expect(formatDateTime(OPENING, "Asia/Shanghai", "en-GB")).toBe("3 Sept 2024, 09:00");
	});

	it("the zone switch above really changes the process zone (so the test can fail)", () => {
		process.env.TZ = "America/Los_Angeles";
		const la = new Date(OPENING).getHours();
		process.env.TZ = "Asia/Shanghai";
		const sh = new Date(OPENING).getHours();
		expect([la, sh]).toEqual([18, 9]);
	});

	it("the same instant reads differently in another event zone", () => {
		expect(formatTime(OPENING, "Europe/Zurich", "en-GB")).toBe("03:00");
		expect(formatTime(OPENING, "America/New_York", "en-GB")).toBe("21:00");
	});

	it("an unknown zone falls back to UTC and says so, rather than breaking the screen", () => {
		expect(formatTime(OPENING, "Europe/Geneva", "en-GB")).toBe("01:00 UTC");
	});

	it("returns the input when it is not an instant", () => {
		expect(formatTime("not a time", "Asia/Shanghai", "en-GB")).toBe("not a time");
	});
});

describe("calendar dates have no zone", () => {
	it.each(["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"])(
		"2024-09-03 stays 3 September with the OS in %s",
		(zone) => {
			process.env.TZ = zone;
			expect(formatPlainDate("2024-09-03", "en-GB")).toBe("3 September 2024");
		},
	);

	// ICU versions differ in the spaces around the dash (none, thin or normal), so the
	// assertions accept any of them; the words and their order are what must hold.
	const spaced = (s: string) => s.replace(/\s*–\s*/gu, " – ").replace(/\s/gu, " ");

	it("formats the seminar's span as a range that names the month once", () => {
		expect(spaced(formatDateRange("2024-09-03", "2024-09-06", "en-GB"))).toBe(
			"3 – 6 September 2024",
		);
	});

	it("ranges over two months and two years name both", () => {
		expect(spaced(formatDateRange("2024-09-30", "2024-10-02", "en-GB"))).toBe(
			"30 September – 2 October 2024",
		);
		expect(spaced(formatDateRange("2024-12-30", "2025-01-02", "en-GB"))).toBe(
			"30 December 2024 – 2 January 2025",
		);
	});

	it("a one-day event is a single date", () => {
		expect(formatDateRange("2024-09-03", "2024-09-03", "en-GB")).toBe("3 September 2024");
	});

	it("an end before the start is shown as typed, not thrown", () => {
		expect(formatDateRange("2024-09-06", "2024-09-03", "en-GB")).toBe(
			"6 September 2024 – 3 September 2024",
		);
	});

	it("rejects dates that do not exist", () => {
		expect(parsePlainDate("2024-02-30")).toBeNull();
		expect(parsePlainDate("2024-9-3")).toBeNull();
		expect(parsePlainDate("2024-02-29")?.toISOString()).toBe("2024-02-29T12:00:00.000Z");
	});

	it("counts the days of an event, both ends included", () => {
		expect(dayCount("2024-09-03", "2024-09-06")).toBe(4);
		expect(dayCount("2024-09-06", "2024-09-03")).toBe(0);
	});
});

describe("zones", () => {
	const at = new Date(OPENING);

	it("knows the offsets", () => {
		expect(zoneOffsetMinutes("Asia/Shanghai", at)).toBe(480);
		expect(zoneOffsetMinutes("America/Los_Angeles", at)).toBe(-420);
		expect(zoneOffsetMinutes("Asia/Kolkata", at)).toBe(330);
	});

	it("says when the event zone differs from another zone", () => {
		expect(zoneDiffers("Asia/Shanghai", at, "Asia/Singapore")).toBe(false);
		expect(zoneDiffers("Asia/Shanghai", at, "Europe/Berlin")).toBe(true);
	});

	it("labels a zone by its offset", () => {
		expect(zoneLabel("Asia/Shanghai", "en-GB", at)).toBe("GMT+8");
	});

	it("lists and validates IANA zones", () => {
		const names = timeZoneNames();
		expect(names).toContain("Asia/Shanghai");
		expect(names).toContain("UTC");
		expect(isValidTimeZone("Asia/Shanghai")).toBe(true);
		expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
	});
});

describe("schedule slots on the event's wall clock", () => {
	it.each(["UTC", "America/Los_Angeles", "Asia/Shanghai", "Pacific/Kiritimati"])(
		"reads an RFC 3339 start in the event zone with the OS in %s",
		(zone) => {
			process.env.TZ = zone;
			expect(eventSlot("2024-09-03T09:00:00+08:00", "Asia/Shanghai")).toEqual({
				date: "2024-09-03",
				minutes: 540,
			});
			// The same instant written in UTC lands on the same slot.
			expect(eventSlot("2024-09-03T01:00:00Z", "Asia/Shanghai")).toEqual({
				date: "2024-09-03",
				minutes: 540,
			});
			expect(formatLocalInput("2024-09-03", 540)).toBe("2024-09-03 09:00");
		},
	);

	it("crosses midnight into the event's next day", () => {
		expect(eventSlot("2024-09-03T16:30:00Z", "Asia/Shanghai")).toEqual({
			date: "2024-09-04",
			minutes: 30,
		});
	});

	it("falls back to the written clock time for a zone the runtime does not know", () => {
		expect(eventSlot("2024-09-03T09:15:00+08:00", "Mars/Olympus_Mons")).toEqual({
			date: "2024-09-03",
			minutes: 555,
		});
		expect(eventSlot("nonsense", "Asia/Shanghai")).toBeNull();
	});

	it("formats and parses the core's event-local input", () => {
		expect(formatLocalInput("2024-09-03", 23 * 60 + 55 + 10)).toBe("2024-09-04 00:05");
		expect(formatLocalInput("2024-09-03", -15)).toBe("2024-09-02 23:45");
		expect(parseLocalInput("2024-09-03 09:05")).toEqual({ date: "2024-09-03", minutes: 545 });
		expect(parseLocalInput("2024-09-03 25:00")).toBeNull();
		expect(parseLocalInput("2024-02-30 09:00")).toBeNull();
	});

	it("clocks, days and snapping", () => {
		expect(formatClock(545)).toBe("09:05");
		expect(parseClock("7:30")).toBe(450);
		expect(parseClock("24:00")).toBeNull();
		expect(eventDays("2024-09-30", "2024-10-02")).toEqual([
			"2024-09-30",
			"2024-10-01",
			"2024-10-02",
		]);
		expect(minutesFromDay("2024-09-03", { date: "2024-09-04", minutes: 30 })).toBe(1470);
		expect(snapMinutes(542)).toBe(540);
		expect(snapMinutes(543)).toBe(545);
		expect(snapMinutes(52, 15)).toBe(45);
	});
});

import { afterEach, describe, expect, it } from "vitest";
import type { DeskStatus, ReviewItem, SyncReport } from "$lib/bindings";
import { setLanguage } from "$lib/i18n";
import { bannerText, reviewText, sideText, syncToast, worksOffline } from "$lib/offline";

const status = (over: Partial<DeskStatus>): DeskStatus => ({
	on_server: true,
	offline: true,
	refreshed_at: "2024-09-03T01:12:00.000Z",
	pending: 0,
	reviews: 0,
	synced: null,
	problem: null,
	...over,
});

const report = (applied: number, review: number): SyncReport => ({
	applied,
	already_applied: 0,
	review: Array.from({ length: review }, (_, i) => item({ id: `r${i}` })),
	pending: 0,
});

function item(over: Partial<ReviewItem>): ReviewItem {
	return {
		id: "r",
		kind: "double_check_in",
		person_id: "p",
		message: "English, for the log",
		code: "review.double_check_in",
		params: {
			name: "H.E. Mr António Guterres",
			first_at: "2024-09-03T01:00:00.000Z",
			first_desk: "Desk A",
			second_at: "2024-09-03T01:05:00.000Z",
			second_desk: "Desk B",
			zone: "Asia/Shanghai",
		},
		first_at: "2024-09-03T01:00:00.000Z",
		first_desk: "Desk A",
		second_at: "2024-09-03T01:05:00.000Z",
		second_desk: "Desk B",
		existing: null,
		walk_in: null,
		...over,
	};
}

afterEach(async () => {
	await setLanguage("en", false);
});

describe("the offline banner", () => {
	it("says since when the desk works from its copy, in the event's zone", () => {
		const text = bannerText(status({}), "Asia/Shanghai", "en-GB");
		expect(text).toContain("own copy of the event");
		expect(text).toContain("09:12");
		expect(text).not.toContain("waiting");
	});

	it("counts what waits to be sent, with plural forms", async () => {
		expect(bannerText(status({ pending: 1 }), "UTC", "en-GB")).toContain(
			"1 desk action is waiting",
		);
		expect(bannerText(status({ pending: 3 }), "UTC", "en-GB")).toContain(
			"3 desk actions are waiting",
		);
		await setLanguage("ru", false);
		expect(bannerText(status({ pending: 5 }), "UTC", "ru")).toContain("5 действий стойки");
	});

	it("says so when the desk has no copy at all", () => {
		expect(bannerText(status({ refreshed_at: "" }), "UTC", "en-GB")).toContain("no copy");
	});
});

describe("after a sync", () => {
	it("says what was sent and what needs review, or nothing", () => {
		expect(syncToast(null)).toBeNull();
		expect(syncToast(report(0, 0))).toBeNull();
		expect(syncToast(report(2, 0))).toBe("2 desk actions were sent to the server.");
		expect(syncToast(report(1, 1))).toBe(
			"1 desk action was sent to the server. 1 clash needs review at the desk.",
		);
	});
});

describe("the review list", () => {
	it("renders the core's code with both times in the event's zone", () => {
		const text = reviewText(item({}), "Asia/Shanghai");
		expect(text).toContain("Guterres");
		expect(text).toContain("09:00");
		expect(text).toContain("09:05");
		expect(text).not.toContain("English, for the log");
	});

	it("names the desk of each side, or says it was online", () => {
		expect(sideText("2024-09-03T01:00:41.000Z", "Desk A", "Asia/Shanghai", "en-GB")).toMatch(
			/09:00:41 · Desk A$/,
		);
		expect(sideText("2024-09-03T01:00:00.000Z", "", "UTC", "en-GB")).toMatch(/ · online$/);
	});
});

describe("offline sections", () => {
	it("keeps the desk and settings open, and nothing else", () => {
		expect(worksOffline("checkin")).toBe(true);
		expect(worksOffline("settings")).toBe(true);
		expect(worksOffline("attendees")).toBe(false);
		expect(worksOffline("print")).toBe(false);
	});
});

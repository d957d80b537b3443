import { beforeEach, describe, expect, it, vi } from "vitest";

// The events list comes from Rust; each test answers it when it wants to.
const listEvents = vi.fn();
vi.mock("$lib/bindings", () => ({ commands: { listEvents: () => listEvents() } }));

import { AppState } from "./app.svelte";
import type { EventSummary } from "./bindings";

const EVENT = {
	id: "ev-1",
	name: "Seminar",
	venue: "",
	city: "Shanghai",
	start_date: "2024-09-03",
	end_date: "2024-09-06",
	timezone: "Asia/Shanghai",
	organizers: [],
	family_name_upper: true,
	language: "en",
	is_sample: false,
	attendee_count: 0,
	country_count: 0,
} as EventSummary;

/** A state that remembers an event this file does not hold, and a pending events list. */
function opening() {
	let answer: (events: EventSummary[]) => void = () => {};
	listEvents.mockImplementation(
		() => new Promise((resolve) => (answer = (events) => resolve({ status: "ok", data: events }))),
	);
	const state = new AppState();
	state.selectEvent("an-event-of-another-file");
	state.section = "schedule";
	return { state, answer: (events: EventSummary[]) => answer(events) };
}

describe("the first load of the events", () => {
	beforeEach(() => {
		listEvents.mockReset();
	});

	it("opens the dashboard when the remembered event is gone", async () => {
		const { state, answer } = opening();
		const loading = state.refreshEvents();
		answer([EVENT]);
		await loading;
		expect(state.section).toBe("dashboard");
		expect(state.currentEventId).toBe("ev-1");
	});

	it("keeps a section the user chose while the list was loading", async () => {
		const { state, answer } = opening();
		const loading = state.refreshEvents();
		state.section = "attendees";
		answer([EVENT]);
		await loading;
		expect(state.section).toBe("attendees");
		expect(state.currentEventId).toBe("ev-1");
	});
});

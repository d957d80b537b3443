//! Passport numbers and dates of birth for the dev-only fake core: kept apart from the attendee
//! records, checked roughly like the core does (errors naming `passport_number`,
//! `date_of_birth` and `retention_days`), with a retention rule per event. Never shipped.

import type { SensitiveData, SensitiveSummary } from "$lib/bindings";
import { addDays, parsePlainDate } from "$lib/time";
import { fail } from "./fake-fail";

export const SENSITIVE_COMMANDS = new Set([
	"get_sensitive",
	"set_sensitive",
	"sensitive_summary",
	"set_sensitive_retention",
	"purge_sensitive",
]);

type Context = {
	/** The event of an attendee, or undefined when there is no such attendee. */
	eventOf: (attendeeId: string) => string | undefined;
	/** The last day of an event (YYYY-MM-DD). */
	endDate: (eventId: string) => string | undefined;
};

const EMPTY: SensitiveData = { passport_number: "", date_of_birth: "" };
const MAX_DAYS = 3650;

export class FakeSensitive {
	#ctx: Context;
	#data = new Map<string, SensitiveData>();
	#retention = new Map<string, number | null>();

	constructor(ctx: Context) {
		this.#ctx = ctx;
	}

	/** Made-up travel documents for a few people of the sample. */
	seed(eventId: string, attendeeIds: string[]): void {
		const samples: SensitiveData[] = [
			{ passport_number: "E12345678", date_of_birth: "1968-04-12" },
			{ passport_number: "X0012873", date_of_birth: "1975-11-30" },
			{ passport_number: "", date_of_birth: "1982-02-07" },
			{ passport_number: "P4471902", date_of_birth: "" },
			{ passport_number: "AB3390211", date_of_birth: "1990-06-21" },
		];
		samples.forEach((data, i) => {
			const id = attendeeIds[i * 2];
			if (id) this.#data.set(id, data);
		});
		this.#retention.set(eventId, 30);
	}

	handle(cmd: string, a: Record<string, unknown>): unknown {
		switch (cmd) {
			case "get_sensitive":
				this.#attendee(a.attendeeId as string);
				return { ...(this.#data.get(a.attendeeId as string) ?? EMPTY) };
			case "set_sensitive":
				return this.#set(a.attendeeId as string, a.input as SensitiveData);
			case "sensitive_summary":
				return this.#summary(a.eventId as string);
			case "set_sensitive_retention": {
				const days = a.days as number | null;
				if (days !== null && (!Number.isInteger(days) || days < 0 || days > MAX_DAYS)) {
					fail("validation", `retention_days: keep the data 0 to ${MAX_DAYS} days`, [
						["retention_days", `keep the data between 0 and ${MAX_DAYS} days after the event`],
					]);
				}
				this.#retention.set(a.eventId as string, days);
				return this.#summary(a.eventId as string);
			}
			case "purge_sensitive": {
				const eventId = a.eventId as string;
				let purged = 0;
				for (const id of [...this.#data.keys()]) {
					if (this.#ctx.eventOf(id) === eventId) {
						this.#data.delete(id);
						purged += 1;
					}
				}
				return purged;
			}
			default:
				throw new Error(`unknown command ${cmd}`);
		}
	}

	#attendee(id: string): string {
		const eventId = this.#ctx.eventOf(id);
		if (!eventId) fail("not_found", `attendee ${id} was not found`);
		return eventId;
	}

	#set(id: string, input: SensitiveData): SensitiveData {
		this.#attendee(id);
		const passport = input.passport_number.trim().toUpperCase().replace(/\s+/g, "");
		const dob = input.date_of_birth.trim();
		const problems: [string, string][] = [];
		if (passport !== "" && !/^[A-Z0-9]{5,20}$/.test(passport))
			problems.push([
				"passport_number",
				"use 5 to 20 letters and digits, as printed in the passport",
			]);
		const date = dob === "" ? null : parsePlainDate(dob);
		if (dob !== "" && !date)
			problems.push(["date_of_birth", `"${dob}" is not a date (YYYY-MM-DD)`]);
		else if (date && date.getTime() > Date.now())
			problems.push(["date_of_birth", "is in the future"]);
		if (problems.length > 0) fail("validation", `${problems.length} problems`, problems);
		const saved = { passport_number: passport, date_of_birth: dob };
		if (passport === "" && dob === "") this.#data.delete(id);
		else this.#data.set(id, saved);
		return { ...saved };
	}

	#summary(eventId: string): SensitiveSummary {
		const people = [...this.#data.keys()].filter((id) => this.#ctx.eventOf(id) === eventId).length;
		const days = this.#retention.get(eventId) ?? null;
		const end = this.#ctx.endDate(eventId);
		return {
			people,
			retention_days: days,
			purge_on: days !== null && end ? addDays(end, days) : null,
		};
	}
}

//! An in-memory stand-in for the Rust core, for the dev-only preview page. It follows the IPC
//! contract loosely (validation, sorting, delegations) and is never shipped.

import type {
	AppInfo,
	Attendee,
	AttendeeFilter,
	AttendeeInput,
	Category,
	Country,
	Delegation,
	EventInput,
	EventSummary,
} from "$lib/bindings";
import { fold } from "$lib/countries";
import { compareNames, displayName } from "$lib/names";
import { ACTIVITY_COMMANDS, FakeActivity, personSummary } from "./fake-activity";
import { BACKUP_COMMANDS, FakeBackups } from "./fake-backups";
import { COUNTRIES, EXTRA_FAMILY, EXTRA_GIVEN, ORGS, PEOPLE, type Seed } from "./fake-data";
import { DESK_COMMANDS, FakeDesk } from "./fake-desk";
import { EXCHANGE_COMMANDS, FakeExchange } from "./fake-exchange";
import { fail } from "./fake-fail";
import { FakePrint, PRINT_COMMANDS } from "./fake-print";
import { FakeSchedule } from "./fake-schedule";
import { FakeSensitive, SENSITIVE_COMMANDS } from "./fake-sensitive";

type EventRow = Omit<EventSummary, "attendee_count" | "country_count">;

const BUILTIN: Category[] = ["official", "expert", "speaker", "press", "staff", "guest"].map(
	(key) => ({ key, label: key[0]?.toUpperCase() + key.slice(1), builtin: true }),
);

export class FakeCore {
	#events: EventRow[] = [];
	#attendees: Attendee[] = [];
	#categories = new Map<string, Category[]>();
	#heads = new Map<string, string>();
	#seq = 0;
	#schedule = new FakeSchedule({
		name: (id) => {
			const a = this.#attendees.find((x) => x.id === id);
			const upper = this.#events.find((e) => e.id === a?.event_id)?.family_name_upper ?? false;
			return a ? displayName(a, { familyUpper: upper }) : id;
		},
		zone: (id) => this.#events.find((e) => e.id === id)?.timezone ?? "UTC",
	});

	#desk = new FakeDesk({
		attendees: () => this.#attendees,
		replace: (updated) => {
			this.#attendees = this.#attendees.map((x) => (x.id === updated.id ? updated : x));
		},
		add: (eventId, input) => this.#saveAttendee(eventId, null, input),
		name: (id) => {
			const a = this.#attendees.find((x) => x.id === id);
			const upper = this.#events.find((e) => e.id === a?.event_id)?.family_name_upper ?? false;
			return a ? displayName(a, { familyUpper: upper }) : id;
		},
		call: (cmd, args) => this.handle(cmd, args),
	});

	#backups = new FakeBackups();

	#sensitive = new FakeSensitive({
		eventOf: (id) => this.#attendees.find((x) => x.id === id)?.event_id,
		endDate: (id) => this.#events.find((e) => e.id === id)?.end_date,
	});

	#activity = new FakeActivity({
		attendees: () => this.#attendees,
		insert: (attendee) => {
			this.#attendees = [...this.#attendees, attendee];
		},
		remove: (id) => {
			this.#attendees = this.#attendees.filter((x) => x.id !== id);
		},
		put: (attendee) => {
			this.#attendees = this.#attendees.map((x) => (x.id === attendee.id ? attendee : x));
		},
	});

	#exchange = new FakeExchange({
		attendees: (eventId) => this.#attendees.filter((x) => x.event_id === eventId),
		categories: (eventId) => this.#cats(eventId),
		add: (eventId, input) => this.#saveAttendee(eventId, null, input),
		update: (id, input) => {
			const current = this.#attendees.find((x) => x.id === id);
			if (!current) return fail("not_found", `attendee ${id} was not found`);
			return this.#saveAttendee(current.event_id, id, input);
		},
		eventName: (eventId) => this.#events.find((e) => e.id === eventId)?.name ?? "",
	});

	#print = new FakePrint({
		event: (eventId) => this.#events.find((e) => e.id === eventId),
		attendees: (eventId) => this.#attendees.filter((x) => x.event_id === eventId),
		call: (cmd, args) => this.handle(cmd, args),
	});

	constructor(options: { empty?: boolean } = {}) {
		if (!options.empty) this.loadSample();
	}

	handle(cmd: string, a: Record<string, unknown>): unknown {
		switch (cmd) {
			case "app_info":
				return {
					version: "0.1.0-preview",
					build_date: "2026-11-27",
					db_path: "/home/you/.local/share/org.plenary.desktop/plenary.db",
					log_dir: "/home/you/.local/share/org.plenary.desktop/logs",
				} satisfies AppInfo;
			case "open_log_folder":
				// There is no file manager to open in a browser tab; the real core opens the folder.
				return null;
			case "list_countries":
				return COUNTRIES;
			case "list_events":
				return this.#events.map((e) => this.#summary(e));
			case "create_event":
				return this.#saveEvent(null, a.input as EventInput);
			case "update_event":
				return this.#saveEvent(a.id as string, a.input as EventInput);
			case "delete_event":
				this.#events = this.#events.filter((e) => e.id !== a.id);
				this.#attendees = this.#attendees.filter((x) => x.event_id !== a.id);
				return null;
			case "load_sample":
				return this.#summary(this.loadSample());
			case "list_attendees":
				return this.#list(a.eventId as string, a.filter as AttendeeFilter);
			case "get_attendee":
				return (
					this.#attendees.find((x) => x.id === a.id) ??
					fail("not_found", `attendee ${a.id} was not found`)
				);
			case "add_attendee": {
				const added = this.#saveAttendee(a.eventId as string, null, a.input as AttendeeInput);
				this.#activity.record(
					added.event_id,
					personSummary("Added", added),
					this.#activity.added(added),
					{
						revertRemoves: 1,
					},
				);
				return added;
			}
			case "update_attendee": {
				const current = this.#attendees.find((x) => x.id === a.id);
				if (!current) return fail("not_found", `attendee ${a.id} was not found`);
				const saved = this.#saveAttendee(current.event_id, current.id, a.input as AttendeeInput);
				const fields = changedFields(current, saved);
				if (fields.length > 0) {
					this.#activity.record(
						saved.event_id,
						personSummary("Changed", saved, ` (${fields.join(", ")})`),
						this.#activity.changed(current, saved),
					);
				}
				return saved;
			}
			case "delete_attendee": {
				const target = this.#attendees.find((x) => x.id === a.id);
				if (!target) return fail("not_found", `attendee ${a.id} was not found`);
				this.#attendees = this.#attendees.filter((x) => x.id !== a.id);
				this.#activity.record(
					target.event_id,
					personSummary("Deleted", target),
					this.#activity.deleted(target),
					{
						deletedAttendees: 1,
					},
				);
				return null;
			}
			case "list_delegations":
				return this.#delegations(a.eventId as string);
			case "set_delegation_head":
				if (a.attendeeId) this.#heads.set(`${a.eventId}/${a.country}`, a.attendeeId as string);
				else this.#heads.delete(`${a.eventId}/${a.country}`);
				return null;
			case "list_categories":
				return this.#cats(a.eventId as string);
			case "add_category": {
				const label = String(a.label ?? "").trim();
				if (label === "")
					return fail("validation", "label: The label is required", [
						["label", "The label is required"],
					]);
				const key = fold(label).replace(/[^a-z0-9]+/g, "_");
				const category = { key, label, builtin: false };
				this.#categories.set(a.eventId as string, [...this.#cats(a.eventId as string), category]);
				return category;
			}
			default:
				if (this.#schedule.handles(cmd)) return this.#schedule.handle(cmd, a);
				if (DESK_COMMANDS.has(cmd)) return this.#desk.handle(cmd, a);
				if (EXCHANGE_COMMANDS.has(cmd)) return this.#exchange.handle(cmd, a);
				if (PRINT_COMMANDS.has(cmd)) return this.#print.handle(cmd, a);
				if (BACKUP_COMMANDS.has(cmd)) return this.#backups.handle(cmd, a);
				if (SENSITIVE_COMMANDS.has(cmd)) return this.#sensitive.handle(cmd, a);
				if (ACTIVITY_COMMANDS.has(cmd)) return this.#activity.handle(cmd, a);
				throw new Error(`unknown command ${cmd}`);
		}
	}

	loadSample(): EventRow {
		const existing = this.#events.find((e) => e.is_sample);
		if (existing) return existing;
		const event: EventRow = {
			id: this.#id(),
			name: "Workshop on Capacity-building of Artificial Intelligence",
			venue: "Shanghai International Convention Center",
			city: "Shanghai",
			start_date: "2024-09-03",
			end_date: "2024-09-06",
			timezone: "Asia/Shanghai",
			organizers: [
				{ name: "Ministry of Foreign Affairs of China", role: "co_sponsor" },
				{ name: "United Nations", role: "co_sponsor" },
				{ name: "Shanghai Municipal People's Government", role: "host" },
			],
			family_name_upper: true,
			is_sample: true,
		};
		this.#events.push(event);
		const seeds: Seed[] = [...PEOPLE];
		for (let i = 0; seeds.length < 118; i++) {
			const country = COUNTRIES[(i * 7) % 40] as Country;
			seeds.push([
				i % 3 === 0 ? "Ms" : "Mr",
				EXTRA_GIVEN[i % EXTRA_GIVEN.length] as string,
				EXTRA_FAMILY[(i + 5 * Math.floor(i / EXTRA_GIVEN.length)) % EXTRA_FAMILY.length] as string,
				"g",
				"",
				"",
				country.code,
				ORGS[i % ORGS.length] as string,
				i % 4 === 0 ? "Counsellor" : "Senior Officer",
				["official", "expert", "guest", "press", "staff"][i % 5] as string,
			]);
		}
		for (const [
			honorific,
			given,
			family,
			order,
			gl,
			fl,
			country,
			org,
			position,
			category,
		] of seeds) {
			const email = `${fold(gl || given).replace(/[^a-z]/g, "") || "delegate"}.${fold(fl || family).replace(/[^a-z]/g, "") || this.#seq}${this.#seq}@example.org`;
			this.#insert(event.id, {
				honorific,
				given_name: given,
				family_name: family,
				name_order: order === "f" ? "family_first" : "given_first",
				given_name_latin: gl,
				family_name_latin: fl,
				country,
				organization: org,
				position,
				category,
				email,
				phone: "",
				languages: ["English"],
				dietary: "",
				accessibility: "",
				notes: "",
			});
		}
		const people = this.#attendees.filter((x) => x.event_id === event.id);
		this.#schedule.seed(
			event.id,
			event.start_date,
			people.map((x) => x.id),
		);
		this.#seedActivity(event.id, people);
		this.#sensitive.seed(
			event.id,
			people.map((x) => x.id),
		);
		return event;
	}

	/**
	 * A history for the sample: among others, two deletions of people who are no longer in the
	 * list. One can be brought back; the other was registered twice, so bringing them back
	 * clashes with the remaining record's email.
	 */
	#seedActivity(eventId: string, people: Attendee[]): void {
		const template = people[0];
		const twin = people[5];
		if (!template || !twin) return;
		const gone: Attendee = {
			...template,
			id: this.#id(),
			honorific: "Ms",
			given_name: "Ana",
			family_name: "Silva",
			name_order: "given_first",
			given_name_latin: "",
			family_name_latin: "",
			country: "BR",
			organization: "Ministry of Science, Technology and Innovation",
			position: "Adviser",
			category: "official",
			email: "ana.silva@example.org",
			created_at: "2024-08-12T02:14:00Z",
			updated_at: "2024-08-12T02:14:00Z",
		};
		const duplicate: Attendee = { ...twin, id: this.#id(), created_at: "2024-08-12T02:14:00Z" };
		this.#activity.seed(eventId, people.slice(1, 3), gone, duplicate);
	}

	#id(): string {
		this.#seq += 1;
		return `00000000-0000-7000-8000-${String(this.#seq).padStart(12, "0")}`;
	}

	#cats(eventId: string): Category[] {
		return this.#categories.get(eventId) ?? BUILTIN;
	}

	#summary(e: EventRow): EventSummary {
		const people = this.#attendees.filter((a) => a.event_id === e.id);
		return {
			...e,
			attendee_count: people.length,
			country_count: new Set(people.map((p) => p.country)).size,
		};
	}

	#saveEvent(id: string | null, input: EventInput): EventSummary {
		const problems: [string, string][] = [];
		if (input.name.trim() === "") problems.push(["name", "The event name is required"]);
		if (!/^\d{4}-\d{2}-\d{2}$/.test(input.start_date))
			problems.push(["start_date", "a date is required (YYYY-MM-DD)"]);
		if (!/^\d{4}-\d{2}-\d{2}$/.test(input.end_date))
			problems.push(["end_date", "a date is required (YYYY-MM-DD)"]);
		else if (input.end_date < input.start_date)
			problems.push([
				"end_date",
				`ends on ${input.end_date}, before it starts on ${input.start_date}`,
			]);
		if (problems.length > 0) fail("validation", `${problems.length} problems`, problems);
		const existing = this.#events.find((e) => e.id === id);
		const row: EventRow = {
			...input,
			id: existing?.id ?? this.#id(),
			is_sample: existing?.is_sample ?? false,
		};
		this.#events = existing
			? this.#events.map((e) => (e.id === id ? row : e))
			: [...this.#events, row];
		return this.#summary(row);
	}

	#saveAttendee(eventId: string, id: string | null, input: AttendeeInput): Attendee {
		const problems: [string, string][] = [];
		if (input.family_name.trim() === "")
			problems.push(["family_name", "The family name is required"]);
		const country = input.country.trim().toUpperCase();
		if (country === "")
			problems.push(["country", "The country is required (an ISO code such as CN or BR)"]);
		else if (!COUNTRIES.some((c) => c.code === country))
			problems.push([
				"country",
				`"${input.country}" is not a known ISO 3166-1 alpha-2 country code`,
			]);
		if (input.category === "") problems.push(["category", "The category is required"]);
		const email = input.email.trim().toLowerCase();
		if (email !== "" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
			problems.push(["email", `"${input.email}" does not look like an email address`]);
		if (
			email !== "" &&
			this.#attendees.some((a) => a.event_id === eventId && a.id !== id && a.email === email)
		) {
			problems.push(["email", "is already used by another attendee of this event"]);
		}
		if (problems.length > 0) fail("validation", `${problems.length} problems`, problems);
		if (id) {
			const now = new Date().toISOString();
			const updated = {
				...(this.#attendees.find((a) => a.id === id) as Attendee),
				...input,
				country,
				email,
				updated_at: now,
			};
			this.#attendees = this.#attendees.map((a) => (a.id === id ? updated : a));
			return updated;
		}
		return this.#insert(eventId, { ...input, country, email });
	}

	#insert(eventId: string, input: AttendeeInput): Attendee {
		const now = "2024-08-20T06:30:00Z";
		const attendee: Attendee = {
			...input,
			id: this.#id(),
			event_id: eventId,
			created_at: now,
			updated_at: now,
			attending: true,
			checked_in_at: null,
		};
		this.#attendees.push(attendee);
		return attendee;
	}

	#list(eventId: string, filter: AttendeeFilter): Attendee[] {
		const words = fold(filter.search ?? "")
			.split(/\s+/)
			.filter(Boolean);
		const collator = new Intl.Collator("und", { sensitivity: "base" });
		return this.#attendees
			.filter((a) => a.event_id === eventId)
			.filter((a) => !filter.country || a.country === filter.country)
			.filter((a) => !filter.category || a.category === filter.category)
			.filter((a) => {
				const hay = fold(
					[
						a.given_name,
						a.family_name,
						a.given_name_latin,
						a.family_name_latin,
						a.organization,
						a.email,
					].join(" "),
				);
				return words.every((w) => hay.includes(w));
			})
			.sort(compareNames(collator));
	}

	#delegations(eventId: string): Delegation[] {
		const byCountry = new Map<string, Attendee[]>();
		for (const a of this.#attendees.filter((x) => x.event_id === eventId)) {
			byCountry.set(a.country, [...(byCountry.get(a.country) ?? []), a]);
		}
		const upper = this.#events.find((e) => e.id === eventId)?.family_name_upper ?? false;
		return [...byCountry.entries()].map(([country, people]) => {
			const headId = this.#heads.get(`${eventId}/${country}`) ?? null;
			const head = people.find((p) => p.id === headId);
			const counts = new Map<string, number>();
			for (const p of people) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
			return {
				country,
				count: people.length,
				head_id: head ? head.id : null,
				head_name: head ? displayName(head, { familyUpper: upper }) : null,
				categories: [...counts.entries()].map(([category, count]) => ({ category, count })),
			};
		});
	}
}

/** The fields an edit changed, as the core's summary names them. */
function changedFields(before: Attendee, after: Attendee): string[] {
	return (Object.keys(after) as (keyof Attendee)[]).filter(
		(key) => key !== "updated_at" && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
	);
}

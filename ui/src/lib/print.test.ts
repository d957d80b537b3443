import { describe, expect, it } from "vitest";
import type { DocumentKind, PrintOptions } from "$lib/bindings";
import {
	applyIntent,
	buildRequest,
	controlsFor,
	defaultDay,
	defaultForm,
	effectiveWho,
	emptiness,
	KINDS,
	kindText,
	Latest,
	missingList,
	missingText,
	type PrintForm,
	reconcile,
	requestKey,
	revokeUrls,
	statusText,
	svgUrls,
} from "$lib/print";

const OPTIONS: PrintOptions = {
	days: [
		{ value: "2024-09-03", label: "Tuesday 3 September 2024" },
		{ value: "2024-09-04", label: "Wednesday 4 September 2024" },
		{ value: "2024-09-05", label: "Thursday 5 September 2024" },
	],
	rooms: [
		{ value: "room-hall", label: "Plenary Hall" },
		{ value: "room-b", label: "Room B" },
	],
	delegations: [
		{ value: "CN", label: "China (14)" },
		{ value: "FR", label: "France (2)" },
	],
	speakers: [
		{ value: "p-guterres", label: "Mr António GUTERRES" },
		{ value: "p-ma", label: "H.E. Mr MA Zhaoxu 马朝旭" },
	],
	fonts: ["Noto Sans"],
};

function form(patch: Partial<PrintForm> = {}): PrintForm {
	return { ...defaultForm(OPTIONS, "2024-08-01"), ...patch };
}

function request(patch: Partial<PrintForm>) {
	const built = buildRequest("ev1", form(patch));
	if (!built.ok) throw new Error(`expected a request, missing ${built.missing}`);
	return built.request;
}

describe("controlsFor", () => {
	it("asks for a day only for the daily agenda and the door sheet, and a room only for the latter", () => {
		const withDay = KINDS.filter((k) => controlsFor(k).day);
		const withRoom = KINDS.filter((k) => controlsFor(k).room);
		expect(withDay).toEqual(["agenda", "room"]);
		expect(withRoom).toEqual(["room"]);
	});

	it("offers a layout for the agenda and the programme only", () => {
		expect(KINDS.filter((k) => controlsFor(k).layout)).toEqual(["agenda", "programme"]);
	});

	it("offers everyone, a delegation or one person for the per-person documents", () => {
		for (const kind of ["person", "briefing", "badges", "plates"] as DocumentKind[]) {
			expect(controlsFor(kind).who).toEqual(["everyone", "delegation", "person"]);
		}
		expect(controlsFor("checkin").who).toEqual(["everyone", "delegation"]);
		for (const kind of ["agenda", "programme", "room"] as DocumentKind[]) {
			expect(controlsFor(kind).who).toEqual([]);
		}
	});

	it("picks a briefing's person from the speakers, other people by search", () => {
		expect(KINDS.filter((k) => controlsFor(k).personFromSpeakers)).toEqual(["briefing"]);
	});
});

describe("defaults", () => {
	it("starts on today when today is a day of the event", () => {
		expect(defaultDay(OPTIONS.days, "2024-09-04")).toBe("2024-09-04");
	});

	it("starts on the first day otherwise, and on none for an event without days", () => {
		expect(defaultDay(OPTIONS.days, "2024-08-30")).toBe("2024-09-03");
		expect(defaultDay([], "2024-08-30")).toBeNull();
	});

	it("starts with the daily agenda, the first room, the first delegation and speaker", () => {
		const fresh = defaultForm(OPTIONS, "2024-09-05");
		expect(fresh).toMatchObject({
			kind: "agenda",
			day: "2024-09-05",
			room: "room-hall",
			who: "everyone",
			country: "CN",
			speaker: "p-guterres",
			person: null,
			paper: "a4",
			layout: "auto",
			lang: null,
			also: null,
		});
	});

	it("asks for the document's languages, and drops a second language equal to the first", () => {
		const both = buildRequest("e1", form({ kind: "programme", lang: "zh", also: "en" }));
		expect(both.ok && [both.request.lang, both.request.also]).toEqual(["zh", "en"]);
		const same = buildRequest("e1", form({ kind: "programme", lang: "fr", also: "fr" }));
		expect(same.ok && [same.request.lang, same.request.also]).toEqual(["fr", null]);
		const event = buildRequest("e1", form({ kind: "programme" }));
		expect(event.ok && [event.request.lang, event.request.also]).toEqual([null, null]);
		if (both.ok && event.ok) {
			expect(requestKey(both.request)).not.toBe(requestKey(event.request));
		}
	});

	it("keeps a remembered form, but replaces choices that no longer exist", () => {
		const old = form({
			kind: "room",
			day: "2024-09-05",
			room: "room-gone",
			country: "XX",
			speaker: "p-ma",
			paper: "letter",
		});
		expect(reconcile(old, OPTIONS, "2024-08-01")).toMatchObject({
			kind: "room",
			day: "2024-09-05",
			room: "room-hall",
			country: "CN",
			speaker: "p-ma",
			paper: "letter",
		});
	});
});

describe("buildRequest", () => {
	it("sends a daily agenda with its day and layout, and nothing else", () => {
		expect(request({ kind: "agenda", day: "2024-09-04", layout: "grid", who: "person" })).toEqual({
			event_id: "ev1",
			kind: "agenda",
			day: "2024-09-04",
			room: null,
			person: null,
			country: null,
			paper: "a4",
			layout: "grid",
			lang: null,
			also: null,
			edition: null,
			revision: null,
			include_email: false,
			letter: null,
		});
	});

	it("sends letters with the letter chosen, for everyone, a delegation or one person", () => {
		expect(controlsFor("letter").who).toEqual(["everyone", "delegation", "person"]);
		const visa = request({ kind: "letter", letter: "visa", who: "delegation", country: "CN" });
		expect([visa.letter, visa.country, visa.person]).toEqual(["visa", "CN", null]);
		// Another document never carries the letter.
		expect(request({ kind: "badges", letter: "visa" }).letter).toBeNull();
	});

	it("sends a list of participants with its edition, revision and the email choice", () => {
		const r = request({ kind: "participants", edition: "final", revision: 2, includeEmail: true });
		expect([r.edition, r.revision, r.include_email]).toEqual(["final", 2, true]);
		const none = request({ kind: "participants", edition: "provisional", revision: 0 });
		expect([none.edition, none.revision, none.include_email]).toEqual(["provisional", null, false]);
		// Other documents never carry them.
		const badges = request({ kind: "badges", edition: "final", revision: 3, includeEmail: true });
		expect([badges.edition, badges.revision, badges.include_email]).toEqual([null, null, false]);
	});

	it("sends a door sheet with its room and day", () => {
		const r = request({ kind: "room", room: "room-b", day: "2024-09-03", layout: "grid" });
		expect([r.room, r.day, r.layout]).toEqual(["room-b", "2024-09-03", "auto"]);
	});

	it("sends the programme without a day", () => {
		const r = request({ kind: "programme", layout: "list" });
		expect([r.day, r.room, r.layout]).toEqual([null, null, "list"]);
	});

	it("sends a delegation's badges with its country only", () => {
		const r = request({
			kind: "badges",
			who: "delegation",
			country: "FR",
			person: { id: "p1", label: "Ms Ana SILVA" },
			paper: "letter",
		});
		expect([r.country, r.person, r.day, r.paper]).toEqual(["FR", null, null, "letter"]);
	});

	it("sends one person's agenda with the person picked by search", () => {
		const r = request({ kind: "person", who: "person", person: { id: "p1", label: "Ana" } });
		expect([r.person, r.country]).toEqual(["p1", null]);
	});

	it("sends one speaker's briefing with the speaker chosen from the list", () => {
		const r = request({
			kind: "briefing",
			who: "person",
			speaker: "p-ma",
			person: { id: "p1", label: "Ana" },
		});
		expect(r.person).toBe("p-ma");
	});

	it("sends everyone's name plates with neither person nor country", () => {
		const r = request({ kind: "plates", who: "everyone", person: { id: "p1", label: "Ana" } });
		expect([r.person, r.country]).toEqual([null, null]);
	});

	it("treats 'one person' on the check-in list, which has no such choice, as everyone", () => {
		expect(effectiveWho({ kind: "checkin", who: "person" })).toBe("everyone");
		expect(effectiveWho({ kind: "agenda", who: "person" })).toBeNull();
		const r = request({ kind: "checkin", who: "person", person: { id: "p1", label: "Ana" } });
		expect([r.person, r.country]).toEqual([null, null]);
	});

	it("says which choice is still to be made instead of building a request", () => {
		expect(buildRequest("ev1", form({ kind: "person", who: "person", person: null }))).toEqual({
			ok: false,
			missing: "person",
		});
		expect(buildRequest("ev1", form({ kind: "briefing", who: "person", speaker: null }))).toEqual({
			ok: false,
			missing: "person",
		});
		expect(
			buildRequest("ev1", form({ kind: "checkin", who: "delegation", country: null })),
		).toEqual({ ok: false, missing: "country" });
		expect(buildRequest("ev1", form({ kind: "room", room: null }))).toEqual({
			ok: false,
			missing: "room",
		});
		expect(buildRequest("ev1", form({ kind: "agenda", day: null }))).toEqual({
			ok: false,
			missing: "day",
		});
		// The programme needs no day, so a missing one does not matter.
		expect(buildRequest("ev1", form({ kind: "programme", day: null })).ok).toBe(true);
	});

	it("asks for a speaker, not a person, for a briefing", () => {
		expect(missingText("person", "briefing")).not.toBe(missingText("person", "person"));
	});
});

describe("requestKey", () => {
	it("changes when the request changes, not when an unused control does", () => {
		const a = request({ kind: "badges", layout: "list" });
		const b = request({ kind: "badges", layout: "grid" });
		const c = request({ kind: "badges", paper: "letter" });
		expect(requestKey(a)).toBe(requestKey(b));
		expect(requestKey(a)).not.toBe(requestKey(c));
	});
});

describe("applyIntent", () => {
	it("opens the agenda of the day the schedule showed", () => {
		const next = applyIntent(
			form({ kind: "badges" }),
			{ kind: "agenda", day: "2024-09-05" },
			OPTIONS,
		);
		expect([next.kind, next.day]).toEqual(["agenda", "2024-09-05"]);
	});

	it("keeps the day when the one asked for is not a day of the event", () => {
		const next = applyIntent(
			form({ day: "2024-09-04" }),
			{ kind: "agenda", day: "2030-01-01" },
			OPTIONS,
		);
		expect(next.day).toBe("2024-09-04");
	});

	it("opens the personal agenda of the person whose panel was open", () => {
		const person = { id: "p7", label: "Ms Amina MOHAMMED" };
		const next = applyIntent(form({ who: "everyone" }), { kind: "person", person }, OPTIONS);
		expect(next).toMatchObject({ kind: "person", who: "person", person });
		expect(buildRequest("ev1", next)).toMatchObject({ ok: true, request: { person: "p7" } });
	});

	it("chooses a speaker's briefing from the speaker list", () => {
		const person = { id: "p-ma", label: "H.E. Mr MA Zhaoxu" };
		const next = applyIntent(form(), { kind: "briefing", person }, OPTIONS);
		expect([next.who, next.speaker]).toEqual(["person", "p-ma"]);
	});
});

describe("emptiness", () => {
	const none: PrintOptions = {
		days: OPTIONS.days,
		rooms: [],
		delegations: [],
		speakers: [],
		fonts: [],
	};

	it("says what the event lacks for each document", () => {
		expect(emptiness("agenda", OPTIONS, 0)).toBe("sessions");
		expect(emptiness("programme", OPTIONS, 0)).toBe("sessions");
		expect(emptiness("room", none, 3)).toBe("rooms");
		expect(emptiness("briefing", none, 3)).toBe("speakers");
		expect(emptiness("badges", none, 3)).toBe("attendees");
		expect(emptiness("checkin", none, 0)).toBe("attendees");
	});

	it("says nothing when there is something to print, or when the sessions are unknown", () => {
		for (const kind of KINDS) expect(emptiness(kind, OPTIONS, 5)).toBeNull();
		expect(emptiness("agenda", OPTIONS, -1)).toBeNull();
	});
});

describe("Latest", () => {
	it("keeps only the newest request current", () => {
		const latest = new Latest();
		const first = latest.begin();
		expect(first()).toBe(true);
		const second = latest.begin();
		expect([first(), second()]).toEqual([false, true]);
		latest.cancel();
		expect(second()).toBe(false);
	});
});

describe("page URLs", () => {
	it("makes one SVG blob URL per page, and revokes them all", async () => {
		const blobs: Blob[] = [];
		const urls = svgUrls(["<svg>1</svg>", "<svg>2</svg>"], (blob) => {
			blobs.push(blob);
			return `blob:page-${blobs.length}`;
		});
		expect(urls).toEqual(["blob:page-1", "blob:page-2"]);
		expect(blobs.map((b) => b.type)).toEqual(["image/svg+xml", "image/svg+xml"]);
		expect(await blobs[1]?.text()).toBe("<svg>2</svg>");

		const revoked: string[] = [];
		revokeUrls(urls, (url) => revoked.push(url));
		expect(revoked).toEqual(["blob:page-1", "blob:page-2"]);
	});
});

describe("words", () => {
	it("counts the pages, and says when only the first are shown", () => {
		expect(statusText(1, 1)).toBe("1 page");
		expect(statusText(4, 4)).toBe("4 pages");
		expect(statusText(12, 31)).toBe("Showing 12 of 31 pages");
		expect(statusText(12, 1250)).toBe("Showing 12 of 1,250 pages");
	});

	it("lists at most a dozen missing characters and counts the rest", () => {
		const many = Array.from({ length: 15 }, (_, i) => `“${i}” in “x”`);
		expect(missingList(many)).toEqual({ shown: many.slice(0, 12), more: 3 });
		expect(missingList(many.slice(0, 2))).toEqual({ shown: many.slice(0, 2), more: 0 });
	});

	it("names and describes every document differently", () => {
		const titles = new Set(KINDS.map((k) => kindText(k).title));
		const texts = new Set(KINDS.map((k) => kindText(k).description));
		expect(titles.size).toBe(KINDS.length);
		expect(texts.size).toBe(KINDS.length);
		expect(kindText("plates").title).toBe("Name plates");
	});
});

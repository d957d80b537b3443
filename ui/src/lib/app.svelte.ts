//! The app-wide state: events, the current event, the current section, toasts, undo, the
//! "data changed" revision that screens reload on, and the handlers that the current screen
//! registers for Ctrl/Cmd+F, Ctrl/Cmd+N, Ctrl/Cmd+E and Ctrl/Cmd+P.

import { describeUndoFailure } from "$lib/activity";
import { type ActivityEntry, activityApi } from "$lib/activity-api";
import { ApiFailure, api, describeFailure, type FailureText } from "$lib/api";
import type { Country, EventSummary } from "$lib/bindings";
import { t } from "$lib/i18n";
import { watchStore } from "$lib/live-api";
import type { PrintIntent } from "$lib/print";

export type Section =
	| "events"
	| "dashboard"
	| "attendees"
	| "delegations"
	| "seating"
	| "schedule"
	| "speakers"
	| "checkin"
	| "io"
	| "print"
	| "activity"
	| "settings";

/** The sidebar's sections in the order the design notes give (../shared/design/ui.md); `ready`
 * ones have a real screen. */
export const SECTIONS: readonly { id: Section; ready: boolean }[] = [
	{ id: "dashboard", ready: true },
	{ id: "attendees", ready: true },
	{ id: "delegations", ready: true },
	{ id: "seating", ready: true },
	{ id: "schedule", ready: true },
	{ id: "speakers", ready: true },
	{ id: "checkin", ready: true },
	{ id: "io", ready: true },
	{ id: "print", ready: true },
	{ id: "activity", ready: true },
	{ id: "settings", ready: true },
];

/** A button in a toast, such as "Undo"; `testid` names it for the end-to-end tests. */
export type ToastAction = { label: string; run: () => void; testid?: string };

export type Toast = { id: number; message: string; action?: ToastAction };

/**
 * What the current screen does on Ctrl/Cmd+F, Ctrl/Cmd+N and Ctrl/Cmd+E; `print` says what
 * Ctrl/Cmd+P should print from it (the day shown, the person open), or null for the last choice.
 */
export type ScreenShortcuts = {
	search?: () => void;
	create?: () => void;
	export?: () => void;
	print?: () => PrintIntent | null;
};

const CURRENT_EVENT_KEY = "plenary.currentEventId";
/** The section last shown, so that the app reopens the remembered event where it was left. */
const SECTION_KEY = "plenary.section";
const TOAST_MS = 6000;
/** How long the live updates wait for more changes before the screens load again. */
const LIVE_SETTLE_MS = 150;

export class AppState {
	events = $state<EventSummary[]>([]);
	eventsLoaded = $state(false);
	eventsError = $state<FailureText | null>(null);
	currentEventId = $state<string | null>(readStored(CURRENT_EVENT_KEY));
	#section = $state<Section>(storedSection());
	countries = $state<Country[]>([]);
	toasts = $state<Toast[]>([]);
	/** Set by the switcher's "New event…" so the events screen opens its create form. */
	createEventRequested = $state(false);
	shortcuts: ScreenShortcuts = {};
	/** What the Print screen should show first when it opens (set by Ctrl/Cmd+P), or null. */
	printIntent = $state<PrintIntent | null>(null);
	/**
	 * Goes up whenever data changed behind the current screen's back (an undo). Screens read it
	 * in the `$effect` that loads their data, so they load again.
	 */
	dataRevision = $state(0);
	/**
	 * Goes up whenever another desk, another window or the CLI changed the store (the live
	 * updates: `watch_store`). Lists and counters read it beside `dataRevision`; forms do not,
	 * so nothing being typed is lost.
	 */
	liveRevision = $state(0);

	currentEvent = $derived(this.events.find((e) => e.id === this.currentEventId) ?? null);

	/** The section on screen: without a current event, the event screens give way to the list. */
	shownSection = $derived<Section>(
		this.eventsLoaded && !this.currentEvent && this.section !== "settings"
			? "events"
			: this.section,
	);

	get section(): Section {
		return this.#section;
	}

	set section(value: Section) {
		this.#section = value;
		writeStored(SECTION_KEY, value);
	}

	#toastSeq = 0;
	#autoSelected = false;
	/** The toast whose "Undo" reverts the last change; a newer one takes its place. */
	#undoToast: number | null = null;
	#undoing = false;

	/** Reloads the event list; keeps the current event when it still exists. */
	async refreshEvents(): Promise<void> {
		const sectionBefore = this.#section;
		try {
			const events = await api.listEvents();
			// A live update that changed nothing here keeps the same objects, so that nothing
			// that depends on the current event (a form being filled in) starts again.
			if (JSON.stringify(events) !== JSON.stringify(this.events)) this.events = events;
			this.eventsError = null;
			if (this.currentEventId && !this.events.some((e) => e.id === this.currentEventId)) {
				this.selectEvent(null);
				// The remembered section belonged to that event; another opens on its dashboard,
				// unless the user chose a section while the list was loading (a file that had to
				// migrate first): that choice stands.
				if (this.#section === sectionBefore) this.section = "dashboard";
			}
			// With a single event there is nothing to choose: open it.
			const only = this.events.length === 1 ? this.events[0] : undefined;
			if (!this.currentEventId && only && !this.#autoSelected) {
				this.#autoSelected = true;
				this.selectEvent(only.id);
			}
		} catch (e) {
			this.eventsError = describeFailure(e, t("events.errors.loadFailed"));
		} finally {
			this.eventsLoaded = true;
		}
	}

	/** Loads the country list once; an outage leaves it empty and pickers accept codes. */
	async loadCountries(): Promise<void> {
		if (this.countries.length > 0) return;
		try {
			this.countries = await api.listCountries();
		} catch (e) {
			if (!(e instanceof ApiFailure)) throw e;
		}
	}

	selectEvent(id: string | null): void {
		this.currentEventId = id;
		writeStored(CURRENT_EVENT_KEY, id);
	}

	/** Makes the event current and opens its home screen, the dashboard. */
	openEvent(id: string): void {
		this.selectEvent(id);
		this.section = "dashboard";
	}

	/** Opens the Print screen (Ctrl/Cmd+P), with the document the screen left asked for. */
	openPrint(intent: PrintIntent | null): void {
		if (!this.currentEvent) return;
		if (intent) this.printIntent = intent;
		this.section = "print";
	}

	/** Hands the pending print intent over once, to the Print screen. */
	takePrintIntent(): PrintIntent | null {
		const intent = this.printIntent;
		this.printIntent = null;
		return intent;
	}

	/** Loads the sample seminar (idempotent on the Rust side) and opens it. */
	async loadSample(): Promise<void> {
		const event = await api.loadSample();
		await this.refreshEvents();
		// Loaded from an event screen (say, the empty attendee list), stay on that screen.
		const stay = this.section !== "events" && this.section !== "settings";
		const section = this.section;
		this.openEvent(event.id);
		if (stay) this.section = section;
	}

	/** Shows a toast; `replace` takes the place of an earlier one (e.g. a newer "Undo"). */
	toast(message: string, action?: ToastAction, replace?: number): number {
		const id = ++this.#toastSeq;
		const kept = replace === undefined ? this.toasts : this.toasts.filter((x) => x.id !== replace);
		this.toasts = [...kept, action ? { id, message, action } : { id, message }];
		setTimeout(() => this.dismissToast(id), TOAST_MS);
		return id;
	}

	/**
	 * A confirmation after a change ("Deleted Ana Silva") with an "Undo" that reverts the
	 * event's last change. Only the newest such toast stays, and any undo dismisses it, so its
	 * button never reverts some other, older change.
	 */
	undoToast(message: string): number {
		const previous = this.#undoToast ?? undefined;
		// The change belongs to the event current now, even if another is opened meanwhile.
		const eventId = this.currentEventId ?? undefined;
		const action = {
			label: t("activity.undo"),
			testid: "toast-undo",
			run: () => void this.undoLast(eventId),
		};
		const id = this.toast(message, action, previous);
		this.#undoToast = id;
		return id;
	}

	/**
	 * Starts the live updates for this window: the store's changes, from anyone, move
	 * `liveRevision` (several within a short moment count as one) and refresh the events.
	 */
	watchStore(): void {
		let pending: ReturnType<typeof setTimeout> | undefined;
		watchStore(() => {
			clearTimeout(pending);
			pending = setTimeout(() => {
				this.liveRevision += 1;
				void this.refreshEvents();
			}, LIVE_SETTLE_MS);
		});
	}

	/** Tells the screens to load their data again (see `dataRevision`). */
	dataChanged(): void {
		this.dataRevision += 1;
	}

	/**
	 * Undoes the current event's last change (Ctrl/Cmd+Z): says what was undone, or that there
	 * was nothing, and has the screen load again. A failure is told in a toast, since the key
	 * can be pressed on any screen.
	 */
	async undoLast(eventId: string | undefined = this.currentEvent?.id): Promise<void> {
		if (!eventId || this.#undoing) return;
		this.#undoing = true;
		try {
			const entry = await activityApi.undoLastChange(eventId);
			if (entry) this.undone(entry);
			else this.toast(t("activity.nothingToUndo"));
		} catch (e) {
			this.toast(describeUndoFailure(e, t("activity.errors.undoFailed")).summary);
		} finally {
			this.#undoing = false;
		}
	}

	/** After an undo (from anywhere): the toast, the screens and the event counts catch up. */
	undone(entry: ActivityEntry): void {
		if (this.#undoToast !== null) this.dismissToast(this.#undoToast);
		this.#undoToast = null;
		this.toast(entry.summary);
		this.dataChanged();
		void this.refreshEvents();
	}

	hasToast(id: number): boolean {
		return this.toasts.some((toast) => toast.id === id);
	}

	dismissToast(id: number): void {
		this.toasts = this.toasts.filter((toast) => toast.id !== id);
	}
}

export const app = new AppState();

function storedSection(): Section {
	const stored = readStored(SECTION_KEY);
	const known = stored === "events" || SECTIONS.some((s) => s.id === stored);
	return known && stored !== null && readStored(CURRENT_EVENT_KEY) !== null
		? (stored as Section)
		: "dashboard";
}

function readStored(key: string): string | null {
	try {
		return globalThis.localStorage?.getItem(key) ?? null;
	} catch {
		return null;
	}
}

function writeStored(key: string, value: string | null): void {
	try {
		if (value === null) globalThis.localStorage?.removeItem(key);
		else globalThis.localStorage?.setItem(key, value);
	} catch {
		// Storage can be unavailable (private mode); the app then just forgets the choice.
	}
}

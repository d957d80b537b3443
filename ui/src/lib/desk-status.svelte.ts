//! Whether the server answers, asked every few seconds while the store is a server
//! (`desk_status`): the offline banner and the sections' state read it. A call that finds the
//! server again sends the desk's queue; what it sent is told in a toast, and the screens load
//! again.
import { app } from "$lib/app.svelte";
import type { DeskStatus } from "$lib/bindings";
import { deskApi } from "$lib/desk-api";
import { t } from "$lib/i18n";
import { syncToast } from "$lib/offline";

/** How often the window asks, online and offline. */
const POLL_MS = 5000;

export class DeskStatusState {
	status = $state<DeskStatus | null>(null);
	offline = $derived(this.status?.offline ?? false);
	#timer: ReturnType<typeof setInterval> | undefined;
	#asking = false;

	/** Asks now and every few seconds, about the event `eventId()` returns. */
	start(eventId: () => string | null): void {
		this.stop();
		const ask = () => {
			const id = eventId();
			if (id) void this.check(id);
		};
		ask();
		this.#timer = setInterval(ask, POLL_MS);
	}

	stop(): void {
		clearInterval(this.#timer);
		this.#timer = undefined;
	}

	/** Asks once; a change between online and offline makes the screens load again. */
	async check(eventId: string): Promise<void> {
		if (this.#asking) return;
		this.#asking = true;
		try {
			const next = await deskApi.deskStatus(eventId);
			const was = this.status?.offline ?? false;
			this.status = next;
			const sent = syncToast(next.synced);
			if (was && !next.offline) app.toast(t("offline.back"));
			if (sent) app.toast(sent);
			if (was !== next.offline || sent) {
				app.dataChanged();
				void app.refreshEvents();
			}
		} catch {
			// The status stays as it was; the next call asks again.
		} finally {
			this.#asking = false;
		}
	}
}

export const deskStatus = new DeskStatusState();

// Entry point of the Plenary window.
import "./app.css";
// The session-type colours, written by the core (src-tauri/core/src/ui_tables.rs).
import "./lib/generated/session-types.css";
import { mount } from "svelte";
import App from "./App.svelte";
import { initLanguage } from "./lib/i18n";

const target = document.getElementById("app");
if (!target) throw new Error("index.html lacks the #app element");

// The remembered (or the OS's) language first, so the first paint is already in it.
await initLanguage();

export default mount(App, { target });

//! Tauri's build step. tauri.conf.json sits at the workspace root (the Tauri CLI needs it
//! there), so the capabilities folder is named explicitly. The app manifest lists the app's
//! own commands, so that they go through the capability ACL like plugin commands do.

const COMMANDS: &[&str] = &[
    "app_info",
    "open_log_folder",
    "list_countries",
    "list_events",
    "create_event",
    "update_event",
    "delete_event",
    "load_sample",
    "list_attendees",
    "get_attendee",
    "add_attendee",
    "update_attendee",
    "delete_attendee",
    "list_delegations",
    "set_delegation_head",
    "list_categories",
    "add_category",
    "list_rooms",
    "add_room",
    "update_room",
    "delete_room",
    "list_sessions",
    "add_session",
    "update_session",
    "move_session",
    "delete_session",
    "assign_speaker",
    "update_assignment",
    "remove_assignment",
    "sign_up",
    "list_signups",
    "cancel_signup",
    "check_schedule",
    "accept_warning",
    "unaccept_warning",
    "person_agenda",
    "set_attending",
    "check_in",
    "undo_check_in",
    "register_walk_in",
    "desk_counts",
    "session_attendance",
    "mark_attendance",
    "dashboard",
    "save_chart_png",
    "backup_now",
    "choose_backup_to_restore",
    "restore_chosen_backup",
    "backup_settings",
    "set_backups_keep",
    "list_activity",
    "undo_last_change",
    "undo_change",
    "get_sensitive",
    "set_sensitive",
    "sensitive_summary",
    "set_sensitive_retention",
    "purge_sensitive",
    "choose_import_file",
    "preview_import",
    "commit_import",
    "cancel_import",
    "export_list",
    "export_schedule",
    "print_options",
    "preview_document",
    "save_document",
    "open_document",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(err) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {err:#}");
    }
}

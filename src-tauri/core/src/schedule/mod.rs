//! The schedule: rooms and venues, sessions over the event's days, speakers with roles,
//! sign-ups, and the conflict warnings computed from them.

pub mod conflicts;
pub mod model;
pub mod ops;
pub mod time;

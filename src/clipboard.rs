//! Clipboard providers: placeholder until they land.

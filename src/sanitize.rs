//! Sanitizer: placeholder until it lands.

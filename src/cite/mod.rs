//! Citation styles: placeholder until the styles land.

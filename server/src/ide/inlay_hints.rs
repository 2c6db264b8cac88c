//! TODO(issue 3): not implemented yet; a helper fills this file in.

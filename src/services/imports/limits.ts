/** Limits of the imports area, in one place. */

/** Largest file accepted by the web upload. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
/** Largest single file of a format read whole (vCard, JSON, small CSVs) inside an archive or folder. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Progress is stored in thousandths. */
export const PROGRESS_SCALE = 1000;
/** Share of the progress bar given to reading the files; the rest is staging. */
export const READ_SHARE = 0.7;

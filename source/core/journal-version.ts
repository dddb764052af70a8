/** The `v` of every journal record this version writes and reads. */
export const journalVersion = 1;

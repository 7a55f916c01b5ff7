/** Safe reading of users' zips: the central directory is checked (sizes, ratio, count, paths) before anything is inflated. */
export { inspectZip, ZipError, DEFAULT_ZIP_LIMITS, type ZipLimits, type ZipKind, type ZipEntryInfo } from './inspectZip';
export { unzipChecked } from './unzipChecked';

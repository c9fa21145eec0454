export { startWatch, type WatchOptions, type Watcher } from './watch.ts'

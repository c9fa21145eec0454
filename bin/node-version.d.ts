export declare const minimumNode: string
export declare function isAtLeast(version: string, minimum?: string): boolean
export declare function nodeVersionProblem(version?: string): string | undefined

// What the workers project's globalSetup (Node) hands to the tests running inside workerd.
export {};

declare module 'vitest' {
  export interface ProvidedContext {
    workersDbUrl: string;
    workersTargetPort: number;
  }
}

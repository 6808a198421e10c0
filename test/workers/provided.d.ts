// What the workers project's globalSetup (Node) hands to the tests running inside workerd.
export {};

declare module 'vitest' {
  export interface ProvidedContext {
    /** The real Postgres server, to create and drop databases on. */
    workersPgAdminUrl: string;
    /** A migrated database each test file copies (CREATE DATABASE … TEMPLATE): workerd cannot migrate. */
    workersTemplateDb: string;
    /** Prefix of every database this run creates, so teardown can drop what a crashed file left behind. */
    workersDbPrefix: string;
    /** The migrated database behind the TEST_HYPERDRIVE binding (fixed when the pool starts: one file uses it). */
    workersHyperdriveDbUrl: string;
    /** The migrated database the Worker's own DATABASE_URL binding names: what queue() deliveries record into. */
    workersQueueDbUrl: string;
    workersTargetPort: number;
    /** A TCP server: a "220 ready" banner, "+PONG" to PING. */
    workersTcpPort: number;
    /** A port nothing listens on. */
    workersClosedPort: number;
  }
}

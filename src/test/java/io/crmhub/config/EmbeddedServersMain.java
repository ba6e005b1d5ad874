package io.crmhub.config;

/**
 * The embedded default's servers alone in a JVM of their own ({@link EmbeddedOrphanIT}): starts them as a hub does,
 * on the PostgreSQL port given, and runs until it is stopped or killed. Exit code 3: the start was refused.
 */
public final class EmbeddedServersMain {

    private EmbeddedServersMain() {}

    public static void main(String[] args) throws InterruptedException {
        try {
            EmbeddedInfrastructure.start(Integer.parseInt(args[0]), "crm");
        } catch (IllegalStateException e) {
            System.err.println("refused: " + e.getMessage());
            System.exit(3);
        }
        System.out.println("embedded servers running");
        Thread.currentThread().join();
    }
}

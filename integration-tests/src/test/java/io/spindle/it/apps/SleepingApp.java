package io.spindle.it.apps;

/** A user main class that runs until it is killed (or for five minutes). */
public final class SleepingApp
{
    private SleepingApp()
    {
    }

    public static void main(String[] args)
            throws InterruptedException
    {
        Thread.sleep(300_000);
    }
}

package io.spindle.it.apps;

/** A user main class that fails the way bad input makes an application fail. */
public final class FailingApp
{
    private FailingApp()
    {
    }

    public static void main(String[] args)
    {
        throw new IllegalStateException("boom: the input was bad");
    }
}

/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.demo;

/**
 * What a {@link FmcDemo} run does. Fluent; {@link #conclude()} checks it once.
 */
public final class DemoSettings
{
    /** Default speed: the paper's 100 s run in 40 s. */
    public static final double DEFAULT_SPEED = 2.5;

    /** No fault: the paper's scenario. */
    public static final int FAULT_NONE = 0;
    /** The hypervisor fails the migration in its second pass: the VM must stay at DC1 and its EID map there. */
    public static final int FAULT_HYPERVISOR = 1;
    /** The Map-Server is unreachable for {@link #MS_OUTAGE_MS} from the moment the controller promotes DC2. */
    public static final int FAULT_MS_OUTAGE = 2;
    /** The Map-Notify that tells the user's xTR about DC2 is lost once. */
    public static final int FAULT_LOST_NOTIFY = 3;
    /** Length of the {@link #FAULT_MS_OUTAGE} blackout (not scaled by the speed). */
    public static final long MS_OUTAGE_MS = 1000;
    private static final String[] FAULT_NAMES = {"none", "hypervisor", "ms-outage", "lost-notify"};

    private double speed = DEFAULT_SPEED;
    private int fault = FAULT_NONE;
    private long seed = 1;
    private double progressIntervalSeconds = 2;
    private double outageSlackMs = 100;
    private boolean concluded;

    /**
     * Scales the timeline: the move happens at 55 s / speed, the run lasts 100 s / speed, and the VM's memory is
     * 300 MiB / speed so that its migration takes about 26 s / speed. Link delays, bandwidth, the stop-and-copy and
     * the mapping latencies are not scaled.
     *
     * @param speed 1 (the paper's timeline) to 50.
     * @return this.
     */
    public DemoSettings speed(final double speed)
    {
        checkNotConcluded();
        this.speed = speed;
        return this;
    }

    /**
     * The speed.
     *
     * @return the factor.
     */
    public double speed()
    {
        return speed;
    }

    /**
     * Injects a fault into the run.
     *
     * @param fault {@link #FAULT_NONE}, {@link #FAULT_HYPERVISOR}, {@link #FAULT_MS_OUTAGE} or
     *              {@link #FAULT_LOST_NOTIFY}.
     * @return this.
     */
    public DemoSettings fault(final int fault)
    {
        checkNotConcluded();
        this.fault = fault;
        return this;
    }

    /**
     * The fault injected.
     *
     * @return one of the {@code FAULT_} constants.
     */
    public int fault()
    {
        return fault;
    }

    /**
     * A fault's name, as the command line takes it.
     *
     * @param fault a {@code FAULT_} constant.
     * @return {@code none}, {@code hypervisor}, {@code ms-outage} or {@code lost-notify}.
     */
    public static String faultName(final int fault)
    {
        return fault >= 0 && fault < FAULT_NAMES.length ? FAULT_NAMES[fault] : "unknown(" + fault + ")";
    }

    /**
     * The fault of a name.
     *
     * @param name as {@link #faultName(int)} gives.
     * @return the constant.
     * @throws IllegalArgumentException listing the names, for an unknown one.
     */
    public static int faultOf(final String name)
    {
        for (int i = 0; i < FAULT_NAMES.length; i++)
        {
            if (FAULT_NAMES[i].equals(name))
            {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + name + "' (expected one of " +
            String.join(", ", FAULT_NAMES) + ")");
    }

    /**
     * Seeds the xTR-IDs and the addresses chosen.
     *
     * @param seed any value.
     * @return this.
     */
    public DemoSettings seed(final long seed)
    {
        checkNotConcluded();
        this.seed = seed;
        return this;
    }

    /**
     * The seed.
     *
     * @return the seed.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * How often a progress line is printed while the run waits.
     *
     * @param seconds more than 0.
     * @return this.
     */
    public DemoSettings progressIntervalSeconds(final double seconds)
    {
        checkNotConcluded();
        this.progressIntervalSeconds = seconds;
        return this;
    }

    /**
     * The progress interval.
     *
     * @return seconds.
     */
    public double progressIntervalSeconds()
    {
        return progressIntervalSeconds;
    }

    /**
     * Scheduling allowance added to the outage bound the run checks (threads on a small shared machine).
     *
     * @param ms at least 0.
     * @return this.
     */
    public DemoSettings outageSlackMs(final double ms)
    {
        checkNotConcluded();
        this.outageSlackMs = ms;
        return this;
    }

    /**
     * The outage slack.
     *
     * @return milliseconds.
     */
    public double outageSlackMs()
    {
        return outageSlackMs;
    }

    /**
     * Checks the settings.
     *
     * @return this.
     * @throws IllegalArgumentException naming the bad setting.
     */
    public DemoSettings conclude()
    {
        if (!(speed >= 1 && speed <= 50))
        {
            throw new IllegalArgumentException("speed must be in 1..50: " + speed);
        }
        if (fault < FAULT_NONE || fault >= FAULT_NAMES.length)
        {
            throw new IllegalArgumentException("unknown fault " + fault);
        }
        if (!(progressIntervalSeconds > 0))
        {
            throw new IllegalArgumentException("progress interval must be > 0 s: " + progressIntervalSeconds);
        }
        if (!(outageSlackMs >= 0))
        {
            throw new IllegalArgumentException("outage slack must be >= 0 ms: " + outageSlackMs);
        }
        concluded = true;
        return this;
    }

    private void checkNotConcluded()
    {
        if (concluded)
        {
            throw new IllegalStateException("settings already concluded");
        }
    }
}

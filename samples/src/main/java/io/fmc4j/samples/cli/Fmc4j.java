/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.samples.cli;

import io.fmc4j.samples.testbed.TestbedCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fmc4j} command line: {@code java -jar samples/target/fmc4j.jar <command> ...}.
 */
@Command(
    name = "fmc4j",
    mixinStandardHelpOptions = true,
    versionProvider = Fmc4j.Version.class,
    description = "LISP and Follow Me Cloud toolkit.",
    subcommands = {
        CommandLine.HelpCommand.class,
        DecodeCommand.class,
        PolicyCommand.class,
        HypervisorCommand.class,
        DataplaneCommand.class,
        MapServerCommand.class,
        LigCommand.class,
        MapServerLoadCommand.class,
        XtrCommand.class,
        DemoCommand.class,
        TestbedCommand.class,
    })
public final class Fmc4j
{
    static
    {
        // Chronicle libraries phone home unless told not to; set before any of their classes load.
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args));
    }

    /**
     * Runs the command line without exiting, for tests and embedding.
     *
     * @param args command-line arguments.
     * @return the exit code.
     */
    public static int run(final String... args)
    {
        return new CommandLine(new Fmc4j()).execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String version = Fmc4j.class.getPackage().getImplementationVersion();
            return new String[] {"fmc4j " + (version == null ? "(development build)" : version)};
        }
    }
}

/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.xen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake {@code xl} that answers from the recorded outputs in src/test/resources/xen. {@code xl migrate} replays a
 * transcript line by line, obeying its {@code #!} directives ({@code sleep MS}, {@code block}, {@code state
 * running|suspended}, {@code exit N}).
 */
final class FakeXl implements ProcessRunner
{
    final List<List<String>> calls = new CopyOnWriteArrayList<>();
    final CountDownLatch killed = new CountDownLatch(1);
    final AtomicInteger unpauses = new AtomicInteger();
    private final String transcript;
    private volatile String webList = "xl-list-web-running.txt";

    FakeXl(final String transcript)
    {
        this.transcript = transcript;
    }

    static String resource(final String name)
    {
        try (InputStream in = FakeXl.class.getResourceAsStream("/xen/" + name))
        {
            if (in == null)
            {
                throw new IllegalArgumentException("no test resource xen/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    void webState(final String resourceName)
    {
        webList = resourceName;
    }

    @Override
    public Result run(final List<String> argv, final long timeoutMs)
    {
        calls.add(argv);
        final String command = String.join(" ", argv.subList(1, argv.size()));
        switch (command)
        {
            case "list":
                return new Result(0, resource("xl-list.txt"), "");
            case "list web":
                return new Result(0, resource(webList), "");
            case "list -l web":
                return new Result(0, resource("xl-list-l.json"), "");
            case "unpause web":
                unpauses.incrementAndGet();
                webList = "xl-list-web-running.txt";
                return new Result(0, "", "");
            default:
                if (command.startsWith("list "))
                {
                    return new Result(1, "", argv.get(argv.size() - 1) + " is an invalid domain identifier (rc=-6)\n");
                }
                return new Result(2, "", "fake xl: unexpected command " + command);
        }
    }

    @Override
    public Running start(final List<String> argv) throws IOException
    {
        calls.add(argv);
        final PipedWriter writer = new PipedWriter();
        final BufferedReader reader = new BufferedReader(new PipedReader(writer, 65536));
        final AtomicInteger exit = new AtomicInteger(Integer.MIN_VALUE);
        final CountDownLatch done = new CountDownLatch(1);
        final Thread replay = new Thread(() ->
        {
            try (PipedWriter out = writer)
            {
                for (final String line : resource(transcript).split("\\R"))
                {
                    if (line.startsWith("#!sleep "))
                    {
                        Thread.sleep(Long.parseLong(line.substring(8).trim()));
                    }
                    else if (line.equals("#!block"))
                    {
                        killed.await(10, TimeUnit.SECONDS);
                    }
                    else if (line.startsWith("#!state "))
                    {
                        webList = "xl-list-web-" + line.substring(8).trim() + ".txt";
                    }
                    else if (line.startsWith("#!exit "))
                    {
                        exit.set(Integer.parseInt(line.substring(7).trim()));
                    }
                    else if (!line.startsWith("#!"))
                    {
                        out.write(line + "\n");
                        out.flush();
                    }
                }
            }
            catch (final IOException | InterruptedException ignore)
            {
                // The reader went away: the test is over.
            }
            finally
            {
                done.countDown();
            }
        }, "fake-xl-migrate");
        replay.setDaemon(true);
        replay.start();
        return new Running()
        {
            public BufferedReader output()
            {
                return reader;
            }

            public int waitFor(final long timeoutMs) throws InterruptedException
            {
                return done.await(timeoutMs, TimeUnit.MILLISECONDS) ? exit.get() : Integer.MIN_VALUE;
            }

            public boolean killChildren()
            {
                killed.countDown();
                return true;
            }

            public void destroy()
            {
                killed.countDown();
                replay.interrupt();
            }
        };
    }
}

/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.dataplane;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads a JNI library that the build packed into this jar under {@code META-INF/native/<os>-<arch>/}: copies it
 * to a temporary file (in the directory named by {@value #WORKDIR_PROPERTY} if set) and
 * {@link System#load(String) loads} it. When the build could not compile the library it left
 * {@code lib<name>.unavailable} there instead, holding the reason; {@link #load(String)} then reports that reason.
 * Cold path; the result is decided once per library by the caller.
 */
public final class NativeLibrary
{
    /**
     * System property naming the directory the library is copied to before loading (default: the JVM's temporary
     * directory). Set it when that directory is mounted {@code noexec}.
     */
    public static final String WORKDIR_PROPERTY = "fmc4j.native.workdir";

    private NativeLibrary()
    {
    }

    /**
     * The resource folder for this platform.
     *
     * @return e.g. {@code META-INF/native/linux-x86_64/}.
     */
    public static String platformFolder()
    {
        final String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT).replace(' ', '_');
        String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
        if ("amd64".equals(arch))
        {
            arch = "x86_64";
        }
        else if ("arm64".equals(arch))
        {
            arch = "aarch64";
        }
        return "META-INF/native/" + os + "-" + arch + "/";
    }

    /**
     * Loads {@code lib<name>.so} from this jar.
     *
     * @param name the library name without {@code lib} and {@code .so}, e.g. {@code fmc4j-tun}.
     * @return null when loaded, else why it could not be (never throws).
     */
    public static Throwable load(final String name)
    {
        final String folder = platformFolder();
        final String fileName = "lib" + name + ".so";
        final ClassLoader loader = NativeLibrary.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(folder + fileName))
        {
            if (in == null)
            {
                return new UnsupportedOperationException(missingReason(loader, folder, name));
            }
            final String workdir = System.getProperty(WORKDIR_PROPERTY);
            final Path file = workdir == null ?
                Files.createTempFile(name + "-", ".so") : Files.createTempFile(Path.of(workdir), name + "-", ".so");
            try
            {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                System.load(file.toAbsolutePath().toString());
            }
            finally
            {
                // Linux keeps a loaded library mapped after its file is unlinked.
                Files.deleteIfExists(file);
            }
            return null;
        }
        catch (final IOException | LinkageError | SecurityException ex)
        {
            return new UnsupportedOperationException("cannot load " + fileName + ": " + ex, ex);
        }
    }

    private static String missingReason(final ClassLoader loader, final String folder, final String name)
    {
        try (InputStream in = loader.getResourceAsStream(folder + "lib" + name + ".unavailable"))
        {
            if (in != null)
            {
                return "lib" + name + ".so was not built: " +
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
        }
        catch (final IOException ex)
        {
            return "lib" + name + ".so not in the jar for " + folder + " (" + ex + ")";
        }
        return "lib" + name + ".so not in the jar for " + folder + " (platform not supported by the build)";
    }
}

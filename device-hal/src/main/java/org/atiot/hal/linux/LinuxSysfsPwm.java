package org.atiot.hal.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.atiot.hal.HalException;
import org.atiot.hal.PwmOutput;
import org.atiot.hal.UnsupportedHardwareException;

/**
 * A PWM channel through the kernel's sysfs interface ({@code /sys/class/pwm/pwmchipN/pwmM}: period and
 * duty_cycle in nanoseconds, enable). Needs {@code dtoverlay=pwm} or {@code pwm-2chan} in config.txt.
 */
public final class LinuxSysfsPwm implements PwmOutput {
    private final Path chipDir;
    private final Path channelDir;
    private final int channel;
    private double duty;
    private int frequency;

    public LinuxSysfsPwm(Path chipDir, int channel, int frequencyHz) {
        this.chipDir = chipDir;
        this.channel = channel;
        this.channelDir = chipDir.resolve("pwm" + channel);
        if (!Files.isDirectory(chipDir)) {
            throw new UnsupportedHardwareException(chipDir + " does not exist; enable hardware PWM with "
                    + "dtoverlay=pwm-2chan in /boot/firmware/config.txt and reboot");
        }
        if (!Files.isDirectory(channelDir)) {
            writeFile(chipDir.resolve("export"), Integer.toString(channel));
        }
        if (!Files.isDirectory(channelDir)) {
            throw new HalException("exporting PWM channel " + channel + " of " + chipDir + " did not create "
                    + channelDir + "; check the channel number");
        }
        set(0, frequencyHz);
        writeFile(channelDir.resolve("enable"), "1");
    }

    @Override
    public int channel() {
        return channel;
    }

    @Override
    public synchronized void set(double dutyPercent, int frequencyHz) {
        if (frequencyHz <= 0) {
            throw new IllegalArgumentException("PWM frequency must be positive, was " + frequencyHz);
        }
        long period = 1_000_000_000L / frequencyHz;
        long dutyNanos = Math.round(period * Math.max(0, Math.min(100, dutyPercent)) / 100.0);
        // The kernel rejects a duty cycle longer than the period, so order the writes by direction.
        if (frequencyHz != frequency) {
            writeFile(channelDir.resolve("duty_cycle"), "0");
            writeFile(channelDir.resolve("period"), Long.toString(period));
        }
        writeFile(channelDir.resolve("duty_cycle"), Long.toString(dutyNanos));
        this.duty = dutyPercent;
        this.frequency = frequencyHz;
    }

    @Override
    public synchronized double dutyPercent() {
        return duty;
    }

    @Override
    public synchronized int frequencyHz() {
        return frequency;
    }

    @Override
    public void close() {
        writeFile(channelDir.resolve("enable"), "0");
        writeFile(chipDir.resolve("unexport"), Integer.toString(channel));
    }

    private static void writeFile(Path file, String value) {
        try {
            Files.writeString(file, value, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new HalException("writing " + value + " to " + file + " failed: " + e.getMessage()
                    + "; the agent's user needs write access to /sys/class/pwm (group gpio)", e);
        }
    }
}

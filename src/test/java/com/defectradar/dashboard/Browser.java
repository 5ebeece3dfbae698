package com.defectradar.dashboard;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Headless Chromium through its chromedriver, both from the system (Debian: packages chromium and
 * chromium-driver; .ci/run installs them). Selenium is given both paths, so it never downloads a browser.
 * Elsewhere, point {@code -Dchromium.binary} and {@code -Dchromium.driver} at your own.
 */
final class Browser {

    static final String BINARY = System.getProperty("chromium.binary", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("chromium.driver", "/usr/bin/chromedriver");

    private Browser() {
    }

    static ChromeDriver start(Path profile) {
        for (String path : new String[]{BINARY, DRIVER}) {
            if (!Files.isExecutable(Path.of(path))) {
                throw new IllegalStateException(path + " is missing: install Debian's chromium and chromium-driver"
                        + " (.ci/run does), or set -Dchromium.binary and -Dchromium.driver");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Saves a screenshot of the whole page into target/dashboard-screenshots. */
    static Path screenshot(ChromeDriver driver, String name) throws IOException {
        Path directory = Path.of("target", "dashboard-screenshots");
        Files.createDirectories(directory);
        Path target = directory.resolve(name + ".png");
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}

package dev.hotpath.reporting.it;

import dev.hotpath.reporting.ReportingApp;
import dev.hotpath.reporting.ReportingSettings;
import dev.hotpath.reporting.store.Database;
import dev.hotpath.reporting.testing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by Selenium loads the page from a running
 * reporting process <em>before</em> the engine trades, and must then show the book built from the engine's
 * level changes and its trades as they are ingested. Skipped where {@code /usr/bin/chromium} is not installed,
 * unless the environment variable {@code HOTPATH_REQUIRE_BROWSER=1} (set by {@code .ci/run}, which installs the
 * browser) or {@code -Dhotpath.requireBrowser=true} says it must run: then a missing browser fails the test.
 */
@Tag("slow") // a headless browser
class DashboardBrowserIT
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    private ReportingApp app;
    private WebDriver browser;

    @BeforeEach
    void requireChromium()
    {
        final boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        final String missing = "/usr/bin/chromium or /usr/bin/chromedriver is missing " +
            "(apt-get install -y chromium chromium-driver)";
        if (browserRequired())
        {
            assertTrue(present, "the browser test is required here but " + missing);
        }
        assumeTrue(present, "browser test skipped: " + missing);
    }

    static boolean browserRequired()
    {
        return "1".equals(System.getenv("HOTPATH_REQUIRE_BROWSER")) || Boolean.getBoolean("hotpath.requireBrowser");
    }

    @AfterEach
    void tearDown()
    {
        if (browser != null)
        {
            browser.quit();
        }
        if (app != null)
        {
            app.close();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldShowTheLiveBookAndTradesOfTheEngine() throws Exception
    {
        final Path engineDir = dir.resolve("engine");
        final Path accounts = dir.resolve("accounts.json");
        Files.writeString(accounts, "{\"accounts\":[{\"id\":2,\"name\":\"bob\",\"key\":\"test-key-0002-NOT-SECRET\"}]}");
        app = new ReportingApp(new ReportingSettings(engineDir.resolve("events"),
            Database.file(dir.resolve("db/reporting")), "127.0.0.1", 0, -1, accounts, dir.resolve("reports"), 4096,
            false)).start();

        browser = startBrowser();
        browser.get("http://127.0.0.1:" + app.httpPort() + "/");
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("latency-empty"), "no run yet"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("book-empty"), "empty book"));

        Scenario.runEngine(engineDir);

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#book-bids .price"), "95"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#book-asks .price"), "105"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#tape-rows .price"), "102"));
        assertTrue(browser.findElements(By.cssSelector("#tape-rows tr.trade")).size() == 4, "four trades on the tape");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lag"),
            "behind the journal: 0 commands, 0 ms"));

        browser.findElement(By.id("api-key")).sendKeys("test-key-0002-NOT-SECRET\t");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("positions-rows"), "14"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ohlc canvas")));
    }

    private WebDriver startBrowser() throws Exception
    {
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        return new ChromeDriver(service, options);
    }
}

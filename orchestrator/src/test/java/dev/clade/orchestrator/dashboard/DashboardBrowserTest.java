package dev.clade.orchestrator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.clade.orchestrator.api.ApiToken;
import dev.clade.orchestrator.guidance.KnowledgeService;
import dev.clade.orchestrator.testing.Cli;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import dev.clade.orchestrator.testing.KnowledgeSamples;
import dev.clade.orchestrator.testing.Targets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium (Debian's, driven by Playwright; no browser download): start a campaign from
 * the form, watch the chart and the archive tree grow live, open a node and see its diff. Screenshots go to
 * {@code target/screenshots/}.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SHOTS = Path.of("target", "screenshots");

    @Inject
    ApiToken token;

    @TestHTTPResource("/")
    URL base;

    @TempDir
    Path dir;

    @Inject
    KnowledgeService knowledge;

    private static Playwright playwright() throws Exception {
        Cli.require("chromium", List.of(List.of(CHROMIUM.toString(), "--version")));
        Files.createDirectories(SHOTS);
        return Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    private static Browser chromium(Playwright playwright) {
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
    }

    @Test
    void should_search_the_knowledge_base_and_open_a_page_with_its_links() throws Exception {
        knowledge.ingest(KnowledgeSamples.corpus(dir.resolve("corpus")).toString());

        try (Playwright playwright = playwright();
                Browser browser = chromium(playwright)) {
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 900));
            page.navigate(base + "#token=" + token.value());
            page.waitForSelector("text=Campaigns");

            page.click("nav >> text=Knowledge");
            page.waitForSelector("#knowledge-sources");
            page.fill("#knowledge-q", "my training crashed: the GPU ran out of memory");
            page.click("button:has-text('Search')");
            page.waitForSelector("#knowledge-hits");
            assertThat(page.locator("#knowledge-hits .hit").first().textContent())
                    .contains("CUDA out of memory")
                    .contains("environment");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("knowledge-search.png"))
                    .setFullPage(true));

            page.locator("#knowledge-hits .hit a").first().click();
            page.waitForSelector("#knowledge-body");
            assertThat(page.textContent("#knowledge-body")).contains("Halve the batch size");
            assertThat(page.textContent("main")).contains("Linked from").contains("Steps");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("knowledge-page.png"))
                    .setFullPage(true));
        }
    }

    @Inject
    dev.clade.orchestrator.engine.CampaignRunner runner;

    @Test
    void should_draw_each_islands_grid_and_open_the_elite_of_a_cell() throws Exception {
        Path target = Targets.quadratic(dir.resolve("target-islands"), "0");
        String spec = Targets.spec("browser-islands", target, 12, 1)
                .replaceAll(
                        "strategy:\n  kind: greedy\n  params: \\{[^}]*}\n",
                        "strategy:\n  kind: islands\n  params: {islands: 2, bins: 5, migrationInterval: 4,"
                                + " features: [{name: x, min: -10, max: 10}]}\n");
        assertThat(spec).contains("kind: islands");
        Files.writeString(dir.resolve("islands.yaml"), spec);
        runner.run(
                dev.clade.orchestrator.campaign.SpecReader.read(dir.resolve("islands.yaml")),
                dev.clade.orchestrator.events.ProgressListener.SILENT);

        try (Playwright playwright = playwright();
                Browser browser = chromium(playwright)) {
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 900));
            page.navigate(base + "#token=" + token.value());
            page.waitForSelector("text=Campaigns");
            page.navigate(base + "#/c/browser-islands");
            page.waitForSelector("#islands");

            assertThat(page.locator("#islands svg.island-grid").count()).isEqualTo(2);
            assertThat(page.locator("#islands rect.cell").count()).isEqualTo(2 * 5);
            assertThat(page.locator("#islands rect.elite").count()).isGreaterThanOrEqualTo(2);
            assertThat(page.textContent("#migrations")).contains("after 4 experiments: island");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("campaign-islands.png"))
                    .setFullPage(true));

            String node = page.locator("#islands rect.elite").first().getAttribute("data-node");
            page.locator("#islands rect.elite").first().click();
            page.waitForURL("**#/c/browser-islands/n/" + node);
            page.waitForSelector("#diff");
        }
    }

    @Test
    void should_start_a_campaign_watch_it_grow_live_and_open_a_node_diff() throws Exception {
        Path target = Targets.quadratic(dir.resolve("target"), "0.4");
        String spec = Targets.spec("browser-demo", target, 10, 1);

        try (Playwright playwright = playwright();
                Browser browser = chromium(playwright)) {
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 900));
            page.navigate(base + "#token=" + token.value());
            page.waitForSelector("text=Campaigns");

            page.click("text=New campaign");
            page.fill("#spec", spec);
            page.click("#start");
            page.waitForURL("**#/c/browser-demo");
            page.waitForSelector("#tree-svg");

            // The tree and the chart grow while the campaign runs, without reloading the page.
            page.waitForFunction("document.querySelectorAll('#tree-svg circle.node').length >= 3");
            int early = page.locator("#tree-svg circle.node").count();
            page.waitForFunction(
                    "n => document.querySelectorAll('#tree-svg circle.node').length > n",
                    early,
                    new Page.WaitForFunctionOptions().setTimeout(60_000));
            page.waitForFunction("document.querySelectorAll('#chart-svg circle.point').length >= 3");
            assertThat(page.locator(".live.on").count()).isEqualTo(1);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("campaign-running.png"))
                    .setFullPage(true));

            page.click("#tree-svg circle.node[data-node='1']");
            page.waitForURL("**#/c/browser-demo/n/1");
            page.waitForSelector("#diff");
            assertThat(page.textContent("#diff")).contains("params.txt").contains("x = ");
            assertThat(page.locator("#diff .add").count()).isGreaterThan(0);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("node-diff.png"))
                    .setFullPage(true));

            page.click("text=Lessons");
            page.waitForSelector("#lessons");
            assertThat(page.textContent("#lessons")).contains("browser-demo#");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("lessons.png"))
                    .setFullPage(true));

            page.navigate(base + "#/");
            page.waitForSelector("#campaigns");
            assertThat(page.textContent("#campaigns")).contains("browser-demo");
            page.click("text=browser-demo");
            page.waitForSelector("#cancel");
            page.click("#cancel");
            page.waitForSelector(".badge.cancelled", new Page.WaitForSelectorOptions().setTimeout(60_000));
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("campaign-cancelled.png"))
                    .setFullPage(true));
        }
    }
}

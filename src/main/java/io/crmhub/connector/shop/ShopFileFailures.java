package io.crmhub.connector.shop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A file that could not be read: Camel moves it to {@code error/} (the consumer's {@code moveFailed}); this
 * writes {@code error/<name>.reason.txt} beside it and moves any partial rejects file along, so everything
 * about the failed file is in one place.
 */
@Component("shopFileFailures")
public class ShopFileFailures {

    private static final Logger LOG = LoggerFactory.getLogger(ShopFileFailures.class);

    private final ShopConnectorProperties props;

    public ShopFileFailures(ShopConnectorProperties props) {
        this.props = props;
    }

    public void record(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause instanceof UnreadableShopFileException ? cause.getMessage()
                : cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        ShopFileChanges changes = exchange.getProperty(ShopFileIntake.CHANGES, ShopFileChanges.class);
        if (changes != null) {
            changes.close();
        }
        Path error = Files.createDirectories(Path.of(props.inbox(), "error"));
        Files.writeString(error.resolve(name + ".reason.txt"), reason + "\n");
        Path rejects = Path.of(props.inbox(), "done", name + RejectsWriter.SUFFIX);
        if (changes != null && Files.exists(rejects)) {
            Files.move(rejects, error.resolve(rejects.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        // our own reasons name the problem, not the data; a foreign message may quote file content
        LOG.warn("Shop file {} moved to error/: {}", name, cause instanceof UnreadableShopFileException
                ? reason : "unexpected " + (cause == null ? "failure" : cause.getClass().getSimpleName())
                        + " (see error/" + name + ".reason.txt)");
    }
}

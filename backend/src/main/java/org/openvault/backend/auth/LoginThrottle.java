package org.openvault.backend.auth;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.openvault.backend.database.Statements;

/**
 * Slows down password guessing: failed logins are counted in PostgreSQL (so every replica sees them) per account and
 * per client address over a sliding window; past the limit further attempts are refused until the oldest counted
 * failure leaves the window, without checking the password.
 */
public final class LoginThrottle {

    private final AuthSettings settings;

    public LoginThrottle(AuthSettings settings) {
        this.settings = settings;
    }

    /** How long this account or address must wait before the next attempt, if it must. */
    public Optional<Duration> retryAfter(Statements db, String username, String clientAddress) {
        Optional<Duration> account = wait(db, "username", normalise(username), settings.maxFailuresPerAccount());
        Optional<Duration> address = wait(db, "client_address", clientAddress, settings.maxFailuresPerAddress());
        if (account.isPresent() && address.isPresent()) {
            return Optional.of(account.get().compareTo(address.get()) >= 0 ? account.get() : address.get());
        }
        return account.isPresent() ? account : address;
    }

    public void recordFailure(Statements db, String username, String clientAddress) {
        String window = seconds();
        db.update("DELETE FROM login_failure WHERE username = ? AND failed_at < now() - CAST(? AS interval)",
                normalise(username), window);
        db.update("DELETE FROM login_failure WHERE client_address = ? AND failed_at < now() - CAST(? AS interval)",
                clientAddress, window);
        db.update("INSERT INTO login_failure (username, client_address) VALUES (?, ?)", normalise(username), clientAddress);
    }

    /** A successful login forgets the account's failures (not the address's: one good password opens no guessing). */
    public void clearAccount(Statements db, String username) {
        db.update("DELETE FROM login_failure WHERE username = ?", normalise(username));
    }

    // The n-th most recent failure inside the window decides: once it is older than the window, a try is allowed again.
    private Optional<Duration> wait(Statements db, String column, String value, int limit) {
        return db.one("SELECT ceil(extract(epoch FROM failed_at + CAST(? AS interval) - now())) AS wait FROM login_failure"
                        + " WHERE " + column + " = ? AND failed_at > now() - CAST(? AS interval)"
                        + " ORDER BY failed_at DESC OFFSET ? LIMIT 1",
                rs -> Duration.ofSeconds(Math.max(1, rs.getLong("wait"))), seconds(), value, seconds(), limit - 1);
    }

    private String seconds() {
        return settings.failureWindow().toSeconds() + " seconds";
    }

    private static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}

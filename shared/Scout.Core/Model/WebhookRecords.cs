namespace Scout.Core.Model;

/// <summary>A tenant's webhook. The secret is kept only encrypted (<see cref="Webhooks.WebhookSecretBox"/>): the platform must sign with it.</summary>
public sealed record WebhookRecord(
    string TenantId, string Id, string Url, string SecretCiphertext, string MinSeverity, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);

public static class WebhookEvents
{
    public const string FindingAdded = "finding.added";
    public const string PolicyChanged = "policy.changed";
    public static readonly IReadOnlyList<string> All = [FindingAdded, PolicyChanged];
}

public static class DeliveryStatuses
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    /// <summary>Given up after the last attempt; kept with its last error.</summary>
    public const string Dead = "dead";
}

/// <summary>One event for one webhook. <see cref="DeliveryId"/> is the idempotency id (X-Scout-Delivery), the same on every attempt.</summary>
public sealed record WebhookDeliveryRecord(
    string TenantId, string DeliveryId, string WebhookId, string EventType, string Body, string Status, int Attempts, string? LastError, DateTimeOffset UpdatedAt);

/// <summary>The JSON a delivery POSTs (DESIGN.md section 8); <see cref="Policies"/> is set for policy.changed.</summary>
public sealed record WebhookEventBody(
    string Id, string Type, string TenantId, WebhookImage Image, IReadOnlyList<Finding> Findings, DateTimeOffset CreatedAt)
{
    public IReadOnlyList<PolicyFlip>? Policies { get; init; }
}

public sealed record WebhookImage(string Digest);

public sealed record PolicyFlip(string Policy, string From, string To);

using System.Net;

namespace Scout.Storage.Firestore.Rest;

/// <summary>A non-2xx answer from Firestore, with the canonical status (ALREADY_EXISTS, FAILED_PRECONDITION ...).</summary>
public sealed class FirestoreRestException(HttpStatusCode httpStatus, string status, string message)
    : Exception($"Firestore {(int)httpStatus} {status}: {message}")
{
    public HttpStatusCode HttpStatus { get; } = httpStatus;
    public string Status { get; } = status;

    public bool AlreadyExists => Status == "ALREADY_EXISTS";
    /// <summary>An updateTime precondition failed: someone else wrote the document since we read it.</summary>
    public bool PreconditionFailed => Status == "FAILED_PRECONDITION";
    public bool NotFound => Status == "NOT_FOUND";
    /// <summary>Contention and availability errors worth a retry.</summary>
    public bool Transient => Status is "ABORTED" or "UNAVAILABLE" or "DEADLINE_EXCEEDED" or "RESOURCE_EXHAUSTED" or "INTERNAL";
}

package vn.investledger.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One event in a project's life, as published by a province. The JSON form carries the
 * kind in a {@code kind} property, the {@link EventEnvelope} in {@code envelope}, and the
 * kind's own fields beside them. The JSON Schemas in {@code schemas/} describe it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({ @JsonSubTypes.Type(value = Licensed.class, name = "licensed"),
		@JsonSubTypes.Type(value = CapitalAdjusted.class, name = "capital-adjusted"),
		@JsonSubTypes.Type(value = CapitalContributed.class, name = "capital-contributed"),
		@JsonSubTypes.Type(value = Disbursed.class, name = "disbursed"),
		@JsonSubTypes.Type(value = Suspended.class, name = "suspended"),
		@JsonSubTypes.Type(value = Resumed.class, name = "resumed"),
		@JsonSubTypes.Type(value = Terminated.class, name = "terminated") })
public sealed interface LicensingEvent
		permits Licensed, CapitalAdjusted, CapitalContributed, Disbursed, Suspended, Resumed, Terminated {

	EventEnvelope envelope();

	@JsonIgnore
	EventKind kind();

	/**
	 * The Kafka key: the project code.
	 * @return the project code, or {@code null} when the envelope lacks one
	 */
	@JsonIgnore
	default String key() {
		return (envelope() != null) ? envelope().projectCode() : null;
	}

}
